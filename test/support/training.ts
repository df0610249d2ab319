import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { executeRun, type Engine, type RunSummary } from '../../src/engine/run.js';
import { trainingProcessor } from '../../src/domains/training/processor.js';
import { helpDeskProcessor } from '../../src/domains/helpdesk/processor.js';
import type { DomainContext } from '../../src/domains/context.js';
import { loadSetup } from '../../src/domains/setup-document.js';
import { listReminders, type ReminderRecord } from '../../src/storage/training-reminders.js';
import { listEmails } from '../../src/storage/outbox.js';
import type { Store } from '../../src/storage/store.js';

export interface TrainingHarness {
  store: Store;
  clock: ManualClock;
  ctx: DomainContext;
  engine: Engine;
  load(setup: unknown): Promise<void>;
  runAt(at: string | number): Promise<RunSummary>;
  /** Runs every `minutes` from the clock's instant to `until`, inclusive. */
  runEvery(minutes: number, until: string): Promise<void>;
  reminders(): Promise<ReminderRecord[]>;
  mail(): Promise<{ kind: string; to: string[]; cc: string[]; subject: string; body: string }[]>;
}

export function trainingHarness(store: Store, start: string, timeZone = 'UTC'): TrainingHarness {
  const clock = new ManualClock(start);
  const ctx: DomainContext = { store, clock, timeZone };
  const engine: Engine = { store, clock, log: silentLogger, processors: [helpDeskProcessor(timeZone), trainingProcessor(timeZone)] };
  const runAt = async (at: string | number) => {
    clock.set(at);
    const outcome = await executeRun(engine, { at: clock.now(), trigger: 'manual' });
    if (!('runId' in outcome)) throw new Error(`run skipped: ${outcome.skipped}`);
    return outcome;
  };
  return {
    store,
    clock,
    ctx,
    engine,
    load: async (setup) => void (await loadSetup(ctx, setup)),
    runAt,
    async runEvery(minutes, until) {
      for (let t = clock.now(); t <= Date.parse(until); t += minutes * 60_000) await runAt(t);
    },
    reminders: () => listReminders(store.db),
    async mail() {
      return (await listEmails(store.db, { limit: 10_000 })).reverse().map(({ kind, to, cc, subject, body }) => ({ kind, to, cc, subject, body }));
    },
  };
}

export const owner = { id: 'owner', name: 'Olivia Owner', email: 'owner@example.com', trainingRole: 'account owner' };

/** A course with a due date 14 days after assignment and 3 reminders from 3 days before, every 2 days. */
export function safetyCourse(overrides: Record<string, unknown> = {}) {
  return {
    id: 'safety',
    title: 'Safety 101',
    dueDate: { daysAfterAssignment: 14 },
    reminders: { startDaysBefore: 3, everyDays: 2, maxReminders: 3, sendAt: '09:00' },
    reminderEmail: { subject: '{{course.title}} is due {{dueDate}} ({{reminder.number}})', body: 'Hello {{learner.name}}, {{course.title}} is due {{dueDate}}.' },
    escalations: { enabled: true, rule: 'Escalate' },
    ...overrides,
  };
}
