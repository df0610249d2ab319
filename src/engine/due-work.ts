/**
 * The loop both domains run inside a run: read what is due, in pages, and handle each item in a
 * savepoint of a group transaction.
 *
 * Every due item is handled in the run — no per-run cap (field.md: silent caps leave work waiting
 * without a word); pages only bound memory. Each item lands all-or-nothing in its own savepoint,
 * but PER_COMMIT items share one commit: with one transaction per item PostgreSQL topped out near
 * 200 escalations/s here (bench/RESULTS.md). A crash loses at most the uncommitted group, which
 * the next run redoes. An item that fails is logged and deferred to the next run, so one bad
 * record cannot stall the rest or loop within a run.
 */
import type { Executor } from '../storage/store.js';
import type { RunContext } from './processor.js';

const PAGE = 500;
const PER_COMMIT = 50;

export interface DueWork<Id> {
  /** Up to `limit` due ids, earliest first. Handled items must stop being due (or be deferred). */
  fetchDue(limit: number): Promise<Id[]>;
  /** Handles one item inside `trx`; returns whether it did something (escalated, reminded). */
  handle(trx: Executor, id: Id): Promise<boolean>;
  /** Moves a failed item past this run. */
  defer(id: Id): Promise<void>;
  label: string;
}

export async function workThroughDue<Id>(run: RunContext, work: DueWork<Id>): Promise<{ checked: number; done: number }> {
  let checked = 0;
  let done = 0;
  for (;;) {
    const ids = await work.fetchDue(PAGE);
    if (ids.length === 0) break;
    for (let i = 0; i < ids.length; i += PER_COMMIT) {
      const group = ids.slice(i, i + PER_COMMIT);
      const outcome = await handleGroup(run, work, group);
      checked += group.length;
      done += outcome.done;
      for (const id of outcome.failed) await work.defer(id);
      await run.keepAlive();
    }
  }
  return { checked, done };
}

async function handleGroup<Id>(run: RunContext, work: DueWork<Id>, ids: Id[]): Promise<{ done: number; failed: Id[] }> {
  const trx = await run.store.db.startTransaction().execute();
  let done = 0;
  const failed: Id[] = [];
  try {
    for (const id of ids) {
      const savepoint = await trx.savepoint('item').execute();
      try {
        if (await work.handle(savepoint, id)) done++;
        await savepoint.releaseSavepoint('item').execute();
      } catch (error) {
        await savepoint.rollbackToSavepoint('item').execute();
        failed.push(id);
        run.log.error({ err: error, item: id, runId: run.runId }, `${work.label} failed`);
      }
    }
    await trx.commit().execute();
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
  return { done, failed };
}
