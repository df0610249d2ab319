import type { Selectable } from 'kysely';
import type { Executor, Store } from './store.js';
import type { EnrollmentsTable } from './schema.js';
import { fromInstant } from './codec.js';

export type CycleKind = 'due' | 'compliance';

/**
 * A learner's enrollment in a course, holding the current cycle: cycle 1 runs to the due date;
 * each compliance retake is a new cycle running to the compliance date.
 */
export interface EnrollmentRecord {
  id: number;
  learner: string;
  course: string;
  assignedAt: number;
  /** A due date set on this enrollment, overriding the course's (YYYY-MM-DD, learner's zone). */
  dueDateOverride: string | null;
  cycle: number;
  cycleKind: CycleKind;
  /** When the cycle began: the assignment, or the automatic retake. Reminder slots before it are skipped. */
  cycleStartedAt: number;
  /** The date the cycle is due: the due date, or the compliance date (YYYY-MM-DD, learner's zone). */
  cycleDueDate: string | null;
  completedAt: number | null;
  /** Set when a compliance course is completed: compliant until this date. */
  complianceDate: string | null;
  remindersSent: number;
  /** The last reminder slot used or passed over (slots are numbered from 1). */
  lastSlot: number;
  /** The next instant something is due: a reminder or the start of a retake. */
  nextActionAt: number | null;
  version: number;
}

type Row = Selectable<EnrollmentsTable>;

function fromRow(r: Row): EnrollmentRecord {
  return {
    id: r.id,
    learner: r.learner_id,
    course: r.course_id,
    assignedAt: fromInstant(r.assigned_at)!,
    dueDateOverride: r.due_date_override,
    cycle: r.cycle,
    cycleKind: r.cycle_kind as CycleKind,
    cycleStartedAt: fromInstant(r.cycle_started_at)!,
    cycleDueDate: r.cycle_due_date,
    completedAt: fromInstant(r.completed_at),
    complianceDate: r.compliance_date,
    remindersSent: r.reminders_sent,
    lastSlot: r.last_slot,
    nextActionAt: fromInstant(r.next_action_at),
    version: r.version,
  };
}

function toRow(e: Omit<EnrollmentRecord, 'id'>) {
  return {
    learner_id: e.learner,
    course_id: e.course,
    assigned_at: e.assignedAt,
    due_date_override: e.dueDateOverride,
    cycle: e.cycle,
    cycle_kind: e.cycleKind,
    cycle_started_at: e.cycleStartedAt,
    cycle_due_date: e.cycleDueDate,
    completed_at: e.completedAt,
    compliance_date: e.complianceDate,
    reminders_sent: e.remindersSent,
    last_slot: e.lastSlot,
    next_action_at: e.nextActionAt,
    version: e.version,
  };
}

export async function insertEnrollment(db: Executor, e: Omit<EnrollmentRecord, 'id'>): Promise<number> {
  const row = await db.insertInto('enrollments').values(toRow(e)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertEnrollments(db: Executor, list: readonly Omit<EnrollmentRecord, 'id'>[]): Promise<void> {
  for (let i = 0; i < list.length; i += 500) await db.insertInto('enrollments').values(list.slice(i, i + 500).map(toRow)).execute();
}

/** Writes the enrollment if it is still at `e.version`; false when someone changed it first. */
export async function saveEnrollment(db: Executor, e: EnrollmentRecord): Promise<boolean> {
  const result = await db
    .updateTable('enrollments')
    .set({ ...toRow(e), version: e.version + 1 })
    .where('id', '=', e.id)
    .where('version', '=', e.version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function getEnrollment(store: Store, db: Executor, id: number, options: { forUpdate?: boolean } = {}): Promise<EnrollmentRecord | undefined> {
  const row = await db
    .selectFrom('enrollments')
    .selectAll()
    .where('id', '=', id)
    .$if(Boolean(options.forUpdate) && store.supportsRowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
  return row && fromRow(row);
}

export async function findEnrollment(store: Store, db: Executor, learner: string, course: string, options: { forUpdate?: boolean } = {}): Promise<EnrollmentRecord | undefined> {
  const row = await db
    .selectFrom('enrollments')
    .selectAll()
    .where('learner_id', '=', learner)
    .where('course_id', '=', course)
    .$if(Boolean(options.forUpdate) && store.supportsRowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
  return row && fromRow(row);
}

export async function listEnrollments(db: Executor, filter: { course?: string; learner?: string; learners?: readonly string[] } = {}): Promise<EnrollmentRecord[]> {
  if (filter.learners && filter.learners.length === 0) return [];
  const rows = await db
    .selectFrom('enrollments')
    .selectAll()
    .$if(filter.course !== undefined, (q) => q.where('course_id', '=', filter.course!))
    .$if(filter.learner !== undefined, (q) => q.where('learner_id', '=', filter.learner!))
    .$if(filter.learners !== undefined, (q) => q.where('learner_id', 'in', [...filter.learners!]))
    .orderBy('id')
    .execute();
  return rows.map(fromRow);
}

/**
 * The hot read of the training side of a run: enrollments with something due by `at`.
 * Relies on `enrollments_due_idx (next_action_at, id) WHERE next_action_at IS NOT NULL`;
 * completed enrollments with nothing ahead carry NULL and are outside the index.
 */
export async function dueEnrollmentIds(db: Executor, at: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('enrollments')
    .select('id')
    .where('next_action_at', 'is not', null)
    .where('next_action_at', '<=', at)
    .orderBy('next_action_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function deferEnrollment(db: Executor, id: number, until: number): Promise<void> {
  await db.updateTable('enrollments').set({ next_action_at: until }).where('id', '=', id).execute();
}
