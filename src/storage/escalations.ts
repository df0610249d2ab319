import type { Executor, Store } from './store.js';
import type { EscalationRow } from './schema.js';
import { fromInstant, fromJson, toJson } from './codec.js';
import { preparedRead } from './prepared-read.js';

/** `[before, after]` per changed field, keyed as in the issue document. */
export type FieldChanges = Record<string, [unknown, unknown]>;

export interface SkippedRecipient {
  target: string;
  reason: string;
}

export interface EscalationRecord {
  id: number;
  runId: number;
  issueId: string;
  ruleId: number;
  ruleName: string;
  at: number;
  escalationCount: number;
  changes: FieldChanges;
  notes: { visibility: 'public' | 'private'; text: string }[];
  recipients: string[];
  skipped: SkippedRecipient[];
  /** The issue's priority after the escalation. */
  priority: string | null;
  /** When the issue became due (its next check); `at − dueAt` is the run's lateness. */
  dueAt: number | null;
}

export async function insertEscalation(db: Executor, e: Omit<EscalationRecord, 'id'>): Promise<number> {
  const row = await db
    .insertInto('escalations')
    .values({
      run_id: e.runId,
      issue_id: e.issueId,
      rule_id: e.ruleId,
      rule_name: e.ruleName,
      at: e.at,
      escalation_count: e.escalationCount,
      changes: toJson(e.changes),
      notes: toJson(e.notes),
      recipients: toJson(e.recipients),
      skipped: toJson(e.skipped),
      priority: e.priority,
      due_at: e.dueAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

function escalationFromRow(r: EscalationRow): EscalationRecord {
  return {
    id: r.id,
    runId: r.run_id,
    issueId: r.issue_id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    at: fromInstant(r.at)!,
    escalationCount: r.escalation_count,
    changes: fromJson(r.changes, {}),
    notes: fromJson(r.notes, []),
    recipients: fromJson(r.recipients, []),
    skipped: fromJson(r.skipped, []),
    priority: r.priority,
    dueAt: fromInstant(r.due_at),
  };
}

// A range scan of escalations_issue_idx (issue_id, id), already in id order.
const issueEscalationsRead = preparedRead('issue-escalations', 1, (db, issueId: string) => db.selectFrom('escalations').selectAll().where('issue_id', '=', issueId).orderBy('id'));

/** An issue's escalation history as committed, outside any transaction (prepared-read.ts): the API's issue reads. */
export async function readIssueEscalations(store: Store, issueId: string): Promise<EscalationRecord[]> {
  return (await store.read(issueEscalationsRead, issueId)).map(escalationFromRow);
}

export async function listEscalations(db: Executor, filter: { issueId?: string; runId?: number; afterId?: number }): Promise<EscalationRecord[]> {
  const rows = await db
    .selectFrom('escalations')
    .selectAll()
    .$if(filter.issueId !== undefined, (q) => q.where('issue_id', '=', filter.issueId!))
    .$if(filter.runId !== undefined, (q) => q.where('run_id', '=', filter.runId!))
    .$if(filter.afterId !== undefined, (q) => q.where('id', '>', filter.afterId!))
    .orderBy('id')
    .execute();
  return rows.map(escalationFromRow);
}
