import type { Executor } from './store.js';
import { fromInstant, fromJson, toJson } from './codec.js';
import type { SkippedRecipient } from './escalations.js';

export type ReminderKind = 'dueReminder' | 'complianceReminder';

export interface ReminderRecord {
  id: number;
  enrollmentId: number;
  runId: number | null;
  cycle: number;
  reminderNumber: number;
  kind: ReminderKind;
  at: number;
  to: string[];
  cc: string[];
  skipped: SkippedRecipient[];
  outboxId: number | null;
}

/** Records a sent reminder; the unique key (enrollment, cycle, number) refuses a second copy. */
export async function insertReminder(db: Executor, r: Omit<ReminderRecord, 'id'>): Promise<number> {
  const row = await db
    .insertInto('training_reminders')
    .values({
      enrollment_id: r.enrollmentId,
      run_id: r.runId,
      cycle: r.cycle,
      reminder_number: r.reminderNumber,
      kind: r.kind,
      at: r.at,
      to_addresses: toJson(r.to),
      cc_addresses: toJson(r.cc),
      skipped: toJson(r.skipped),
      outbox_id: r.outboxId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function listReminders(db: Executor, filter: { runId?: number; enrollmentId?: number } = {}): Promise<ReminderRecord[]> {
  const rows = await db
    .selectFrom('training_reminders')
    .selectAll()
    .$if(filter.runId !== undefined, (q) => q.where('run_id', '=', filter.runId!))
    .$if(filter.enrollmentId !== undefined, (q) => q.where('enrollment_id', '=', filter.enrollmentId!))
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    enrollmentId: r.enrollment_id,
    runId: r.run_id,
    cycle: r.cycle,
    reminderNumber: r.reminder_number,
    kind: r.kind as ReminderKind,
    at: fromInstant(r.at)!,
    to: fromJson(r.to_addresses, []),
    cc: fromJson(r.cc_addresses, []),
    skipped: fromJson(r.skipped, []),
    outboxId: r.outbox_id,
  }));
}
