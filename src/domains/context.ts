import type { Clock } from '../clock.js';
import type { Store } from '../storage/store.js';

/** What domain operations need: where data lives, what time it is, and the account's zone. */
export interface DomainContext {
  store: Store;
  clock: Clock;
  /** The account's IANA zone: calendar-day intervals, date-only deadlines, learners without a zone of their own. */
  timeZone: string;
}
