import type { Store } from '../../src/storage/store.js';
import { insertIssues, type IssueRecord } from '../../src/storage/issues.js';
import { inTransaction } from '../../src/storage/store.js';
import { sampleIssue } from './issues.js';

/**
 * Inserts `count` open issues straight through storage (no per-issue validation), `due` of them
 * with a next check at or before `dueBy`, the rest far in the future. For cost tests and benches.
 */
export async function insertOpenIssues(store: Store, count: number, options: { due: number; dueBy: number; idPrefix?: string; template?: Partial<IssueRecord> }): Promise<void> {
  const batch: IssueRecord[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch.splice(0);
    await inTransaction(store, (trx) => insertIssues(trx, rows));
  };
  for (let i = 0; i < count; i++) {
    const isDue = i % Math.floor(count / Math.max(1, options.due)) === 0 && i / Math.floor(count / Math.max(1, options.due)) < options.due;
    batch.push(
      sampleIssue({
        id: `${options.idPrefix ?? 'b'}${String(i).padStart(7, '0')}`,
        submitter: null,
        assignedTo: null,
        ...options.template,
        nextCheckAt: isDue ? options.dueBy - 1000 : options.dueBy + 365 * 86_400_000 + i,
      }),
    );
    if (batch.length >= 5000) await flush();
  }
  await flush();
}
