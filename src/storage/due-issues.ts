import { CompiledQuery } from 'kysely';
import type { Executor, Store } from './store.js';

/**
 * The hot read of every run: ids of issues due by `at`, earliest first.
 *
 * Relies on `issues_due_idx (next_check_at, id) WHERE next_check_at IS NOT NULL`: the range scan
 * touches only due entries, so a run with nothing due costs one index probe whether 100 or
 * 100,000 issues are open (bench/engine measures it). Closed issues carry NULL and never appear.
 * Paging by (next_check_at, id) keeps each batch small; processed issues move past `at`, so the
 * caller simply asks again until a page comes back empty.
 */
export async function dueIssueIds(db: Executor, at: number, limit: number): Promise<string[]> {
  const rows = await dueIssuesQuery(db, at, limit).execute();
  return rows.map((r) => r.id);
}

const dueIssuesQuery = (db: Executor, at: number, limit: number) =>
  db.selectFrom('issues').select('id').where('next_check_at', 'is not', null).where('next_check_at', '<=', at).orderBy('next_check_at').orderBy('id').limit(limit);

/**
 * The query plan of the due-issue read, as text: tests and `bench/engine` use it to show the
 * read is an index range scan, not a table scan.
 */
export async function explainDueIssues(store: Store, at: number): Promise<string> {
  const query = dueIssuesQuery(store.db, at, 500).compile();
  const prefix = store.dialect === 'postgres' ? 'explain ' : 'explain query plan ';
  const result = await store.db.executeQuery<Record<string, unknown>>(CompiledQuery.raw(prefix + query.sql, [...query.parameters]));
  return result.rows.map((row) => String(row['QUERY PLAN'] ?? row.detail ?? JSON.stringify(row))).join('\n');
}
