import type { ProcessorResult, RunContext, RunProcessor } from '../../engine/processor.js';
import { workThroughDue } from '../../engine/due-work.js';
import { dueIssueIds } from '../../storage/due-issues.js';
import { deferIssue } from '../../storage/issues.js';
import { loadRules } from './rules.js';
import { escalateIssue } from './escalate-issue.js';
import { webhooksFor } from '../../storage/webhooks.js';

/** The help-desk side of a run: every issue due by T escalates against at most one rule. */
export function helpDeskProcessor(timeZone: string): RunProcessor {
  return {
    name: 'help desk',
    async process(run: RunContext): Promise<ProcessorResult> {
      const rules = (await loadRules(run.store.db)).filter((r) => r.enabled);
      const subscribers = await webhooksFor(run.store.db, 'escalation');
      const latenessMs: number[] = [];
      const { checked, done } = await workThroughDue(run, {
        label: 'escalating an issue',
        fetchDue: (limit) => dueIssueIds(run.store.db, run.at, limit),
        handle: async (trx, id) => {
          const escalation = await escalateIssue(run, trx, rules, id, timeZone, subscribers);
          if (escalation?.dueAt !== null && escalation?.dueAt !== undefined) latenessMs.push(run.at - escalation.dueAt);
          return escalation !== null;
        },
        defer: (id) => deferIssue(run.store.db, id, run.at + 1),
      });
      return { checked, escalations: done, latenessMs };
    },
  };
}
