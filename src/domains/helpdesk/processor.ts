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

/**
 * Escalations committed together. Each issue still escalates all-or-nothing inside its own
 * savepoint, but 50 share one commit: on PostgreSQL with synchronous_commit a commit is a WAL
 * flush (~4 ms here), which made one transaction per issue top out near 200 escalations/s
 * (bench/RESULTS.md). A crash loses at most the uncommitted group, which the next run redoes.
 */
const PER_COMMIT = 50;

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
        for (let i = 0; i < ids.length; i += PER_COMMIT) {
          const group = ids.slice(i, i + PER_COMMIT);
          const outcome = await escalateGroup(run, rules, group, timeZone);
          checked += group.length;
          escalations += outcome.escalations;
          // Their savepoints rolled back; look again next run rather than loop on them now.
          for (const id of outcome.failed) await deferIssue(run.store.db, id, run.at + 1);
          await run.keepAlive();
        }
      }
      return { checked, escalations };
    },
  };
}

async function escalateGroup(run: RunContext, rules: Parameters<typeof escalateIssue>[2], ids: string[], timeZone: string) {
  const trx = await run.store.db.startTransaction().execute();
  let escalations = 0;
  const failed: string[] = [];
  try {
    for (const id of ids) {
      const savepoint = await trx.savepoint('escalation').execute();
      try {
        if (await escalateIssue(run, savepoint, rules, id, timeZone)) escalations++;
        await savepoint.releaseSavepoint('escalation').execute();
      } catch (error) {
        await savepoint.rollbackToSavepoint('escalation').execute();
        failed.push(id);
        run.log.error({ err: error, issue: id, runId: run.runId }, 'escalating an issue failed');
      }
    }
    await trx.commit().execute();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
  return { escalations, failed };
}
