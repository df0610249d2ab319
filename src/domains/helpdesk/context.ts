import type { Clock } from '../../clock.js';
import type { Store } from '../../storage/store.js';

/** What help-desk operations need: where data lives, what time it is, and the account's zone. */
export interface HelpDeskContext {
  store: Store;
  clock: Clock;
  /** IANA zone for calendar-day intervals and date-only deadlines. */
  timeZone: string;
}
