import type { ProcessorResult, RunContext, RunProcessor } from '../../engine/processor.js';
import { workThroughDue } from '../../engine/due-work.js';
import { deferEnrollment, dueEnrollmentIds } from '../../storage/enrollments.js';
import { loadTrainingRules } from './catalog.js';
import { processEnrollment, RunCatalog } from './send-reminder.js';
import { webhooksFor } from '../../storage/webhooks.js';

/** The training side of a run: every enrollment with a reminder or a retake due by T. */
export function trainingProcessor(accountTimeZone: string): RunProcessor {
  return {
    name: 'training',
    async process(run: RunContext): Promise<ProcessorResult> {
      const catalog = new RunCatalog(await loadTrainingRules(run.store.db), await webhooksFor(run.store.db, 'reminder'));
      const { checked, done } = await workThroughDue(run, {
        label: 'sending a training reminder',
        fetchDue: (limit) => dueEnrollmentIds(run.store.db, run.at, limit),
        handle: async (trx, id) => (await processEnrollment(run, trx, catalog, id, accountTimeZone)) !== null,
        defer: (id) => deferEnrollment(run.store.db, id, run.at + 1),
      });
      return { checked, reminders: done };
    },
  };
}
