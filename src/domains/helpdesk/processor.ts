import type { ProcessorResult, RunContext, RunProcessor } from '../../engine/processor.js';
import { dueIssueIds } from '../../storage/due-issues.js';
import { deferIssue } from '../../storage/issues.js';
import { loadRules } from './rules.js';
import { escalateIssue } from './escalate-issue.js';

/**
 * Batch size of the due-issue query. Every due issue is processed in the run — there is no per-run
 * cap (field.md: silent caps leave work waiting without a word); batches only bound memory.
 */
const BATCH = 500;

export function helpDeskProcessor(timeZone: string): RunProcessor {
  return {
    name: 'help desk',
    async process(run: RunContext): Promise<ProcessorResult> {
      const rules = (await loadRules(run.store.db)).filter((r) => r.enabled);
      let checked = 0;
      let escalations = 0;
      for (;;) {
        const ids = await dueIssueIds(run.store.db, run.at, BATCH);
        if (ids.length === 0) break;
        for (const id of ids) {
          checked++;
          try {
            if (await escalateIssue(run, rules, id, timeZone)) escalations++;
          } catch (error) {
            // Its transaction rolled back; look again next run rather than loop on it now.
            run.log.error({ err: error, issue: id, runId: run.runId }, 'escalating an issue failed');
            await deferIssue(run.store.db, id, run.at + 1);
          }
        }
      }
      return { checked, escalations };
    },
  };
}
