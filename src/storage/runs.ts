import type { Executor } from './store.js';
import { fromInstant } from './codec.js';
import type { RunRow } from './schema.js';

export type RunTrigger = 'schedule' | 'manual';
export type RunStatus = 'running' | 'finished' | 'failed';

export interface RunRecord {
  id: number;
  at: number;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: number;
  finishedAt: number | null;
  issuesChecked: number;
  escalations: number;
  reminders: number;
  error: string | null;
}

export async function insertRun(db: Executor, run: { at: number; trigger: RunTrigger; startedAt: number }): Promise<number> {
  const row = await db
    .insertInto('runs')
    .values({ at: run.at, trigger: run.trigger, status: 'running', started_at: run.startedAt, issues_checked: 0, escalations: 0, reminders: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishRun(
  db: Executor,
  id: number,
  result: { status: RunStatus; finishedAt: number; issuesChecked: number; escalations: number; reminders: number; error: string | null },
): Promise<void> {
  await db
    .updateTable('runs')
    .set({
      status: result.status,
      finished_at: result.finishedAt,
      issues_checked: result.issuesChecked,
      escalations: result.escalations,
      reminders: result.reminders,
      error: result.error,
    })
    .where('id', '=', id)
    .execute();
}

export async function scheduledRunExists(db: Executor, at: number): Promise<boolean> {
  const row = await db
    .selectFrom('runs')
    .select('id')
    .where('at', '=', at)
    .where('trigger', '=', 'schedule')
    .executeTakeFirst();
  return row !== undefined;
}

export async function listRuns(db: Executor, limit = 50, beforeId?: number): Promise<RunRecord[]> {
  const rows = await db
    .selectFrom('runs')
    .selectAll()
    .$if(beforeId !== undefined, (q) => q.where('id', '<', beforeId!))
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(fromRow);
}

export async function getRun(db: Executor, id: number): Promise<RunRecord | undefined> {
  const row = await db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

function fromRow(r: RunRow): RunRecord {
  return {
    id: r.id,
    at: fromInstant(r.at)!,
    trigger: r.trigger as RunTrigger,
    status: r.status as RunStatus,
    startedAt: fromInstant(r.started_at)!,
    finishedAt: fromInstant(r.finished_at),
    issuesChecked: r.issues_checked,
    escalations: r.escalations,
    reminders: r.reminders,
    error: r.error,
  };
}
