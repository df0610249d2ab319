import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { executeRun, type Engine, type RunSummary } from '../../src/engine/run.js';
import { helpDeskProcessor } from '../../src/domains/helpdesk/processor.js';
import type { HelpDeskContext } from '../../src/domains/helpdesk/context.js';
import { loadSetup } from '../../src/domains/setup-document.js';
import { listEscalations, type EscalationRecord } from '../../src/storage/escalations.js';
import { listEmails } from '../../src/storage/outbox.js';
import { getIssue } from '../../src/storage/issues.js';
import type { Store } from '../../src/storage/store.js';

export interface HelpDeskHarness {
  store: Store;
  clock: ManualClock;
  ctx: HelpDeskContext;
  engine: Engine;
  load(setup: unknown): Promise<void>;
  /** Moves the clock to `at` and runs the escalations task there. */
  runAt(at: string | number): Promise<RunSummary>;
  escalations(issueId?: string): Promise<EscalationRecord[]>;
  issue(id: string): ReturnType<typeof getIssue>;
  /** Every queued email as `to|subject`, oldest first. */
  mail(): Promise<{ to: string[]; cc: string[]; subject: string; body: string }[]>;
}

export function helpDeskHarness(store: Store, start: string, timeZone = 'UTC'): HelpDeskHarness {
  const clock = new ManualClock(start);
  const ctx: HelpDeskContext = { store, clock, timeZone };
  const engine: Engine = { store, clock, log: silentLogger, processors: [helpDeskProcessor(timeZone)] };
  return {
    store,
    clock,
    ctx,
    engine,
    async load(setup) {
      await loadSetup(ctx, setup);
    },
    async runAt(at) {
      clock.set(at);
      const outcome = await executeRun(engine, { at: clock.now(), trigger: 'schedule' });
      if (!('runId' in outcome)) throw new Error(`run skipped: ${outcome.skipped}`);
      return outcome;
    },
    escalations: (issueId) => listEscalations(store.db, issueId === undefined ? {} : { issueId }),
    issue: (id) => getIssue(store, store.db, id),
    async mail() {
      return (await listEmails(store.db, { limit: 10_000 })).reverse().map(({ to, cc, subject, body }) => ({ to, cc, subject, body }));
    },
  };
}

/** Instants every `minutes` from `from` to `to` inclusive, as ISO strings. */
export function everyMinutes(from: string, to: string, minutes: number): string[] {
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to); t += minutes * 60_000) out.push(new Date(t).toISOString());
  return out;
}

export const notifyUsers = (...users: string[]) => ({ type: 'notify', users, lists: [], emails: [], recipients: [] });
