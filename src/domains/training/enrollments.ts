/** Assigning courses and completing them. */
import { z } from 'zod';
import type { DomainContext } from '../context.js';
import { inTransaction, type Executor } from '../../storage/store.js';
import { findEnrollment, insertEnrollment, listEnrollments, saveEnrollment, type EnrollmentRecord } from '../../storage/enrollments.js';
import { getUser, getUsers, listUsers, type UserRecord } from '../../storage/users.js';
import { ConflictError, InputError, NotFoundError } from '../../errors.js';
import { parseWith } from '../../validation.js';
import { iso } from '../../time.js';
import { assertAllowed, type Actor } from './permissions.js';
import { findCourse, loadCourses } from './catalog.js';
import type { CourseDocument } from './course-document.js';
import { complianceDateAfter, firstDueDate, learnerZone, nextActionAt } from './schedule.js';

const instant = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time with a zone, e.g. 2026-03-01T10:00:00Z' });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a calendar date like 2026-06-20');

export const enrollmentDocumentSchema = z
  .object({
    learner: z.string().min(1),
    course: z.string().min(1),
    assignedAt: instant.optional(),
    dueDate: date.nullable().optional(),
    completedAt: instant.nullable().optional(),
  })
  .strict();

export type EnrollmentDocument = z.output<typeof enrollmentDocumentSchema>;

async function learnerAndCourse(trx: Executor, learnerId: string, courseId: string): Promise<{ learner: UserRecord; course: CourseDocument }> {
  const [learner, course] = await Promise.all([getUser(trx, learnerId), findCourse(trx, courseId)]);
  const problems = [
    ...(learner ? [] : [{ field: 'learner', reason: `unknown user ${JSON.stringify(learnerId)}` }]),
    ...(course ? [] : [{ field: 'course', reason: `unknown course ${JSON.stringify(courseId)}` }]),
  ];
  if (problems.length > 0) throw new InputError(problems);
  return { learner: learner!, course: course! };
}

/** A completion: compliance courses get their compliance date and, if set, a retake ahead. */
function completed(e: EnrollmentRecord, course: CourseDocument, at: number, zone: string): EnrollmentRecord {
  const complianceDate = course.compliance ? complianceDateAfter(at, course.compliance.compliantForDays, zone) : null;
  const done = { ...e, completedAt: at, complianceDate };
  return { ...done, nextActionAt: nextActionAt(done, course, zone) };
}

/** A fresh enrollment in its first cycle, with its first reminder scheduled (not yet stored: id 0). */
export function newEnrollment(course: CourseDocument, learnerId: string, assignedAt: number, dueDateOverride: string | null, zone: string): EnrollmentRecord {
  const enrollment: EnrollmentRecord = {
    id: 0,
    learner: learnerId,
    course: course.id,
    assignedAt,
    dueDateOverride,
    cycle: 1,
    cycleKind: 'due',
    cycleStartedAt: assignedAt,
    cycleDueDate: firstDueDate(course, assignedAt, dueDateOverride, zone),
    completedAt: null,
    complianceDate: null,
    remindersSent: 0,
    lastSlot: 0,
    nextActionAt: null,
    version: 1,
  };
  return { ...enrollment, nextActionAt: nextActionAt(enrollment, course, zone) };
}

/** Assigns a course to a learner (one enrollment per learner and course). */
export async function enrollIn(ctx: DomainContext, trx: Executor, doc: EnrollmentDocument, actor: Actor): Promise<EnrollmentRecord> {
  const { learner, course } = await learnerAndCourse(trx, doc.learner, doc.course);
  assertAllowed(actor, 'assign courses', learner);
  if (await findEnrollment(ctx.store, trx, learner.id, course.id)) {
    throw new InputError({ field: 'course', reason: `${JSON.stringify(learner.id)} is already enrolled in ${JSON.stringify(course.id)}` });
  }
  const assignedAt = doc.assignedAt ? Date.parse(doc.assignedAt) : ctx.clock.now();
  const zone = learnerZone(learner.timeZone, ctx.timeZone);
  let enrollment = newEnrollment(course, learner.id, assignedAt, doc.dueDate ?? null, zone);
  if (doc.completedAt) enrollment = completed(enrollment, course, Date.parse(doc.completedAt), zone);
  const { id: _unused, ...row } = enrollment;
  return { ...enrollment, id: await insertEnrollment(trx, row) };
}

export async function enroll(ctx: DomainContext, input: unknown, actor: Actor, source?: string): Promise<EnrollmentRecord> {
  const doc = parseWith(enrollmentDocumentSchema, input, source);
  return inTransaction(ctx.store, (trx) => enrollIn(ctx, trx, doc, actor));
}

/**
 * Marks the learner's current cycle complete at `at` (default now). Reminders stop at once: the run
 * that would send the next one reads the enrollment under the same row lock. Completing an
 * enrollment that is already complete changes nothing.
 */
export async function complete(ctx: DomainContext, learnerId: string, courseId: string, actor: Actor, at?: number): Promise<EnrollmentRecord> {
  return inTransaction(ctx.store, async (trx) => {
    const { learner, course } = await learnerAndCourse(trx, learnerId, courseId);
    assertAllowed(actor, 'complete enrollments', learner);
    const enrollment = await findEnrollment(ctx.store, trx, learnerId, courseId, { forUpdate: true });
    if (!enrollment) throw new NotFoundError('enrollment', `${learnerId}/${courseId}`);
    if (enrollment.completedAt !== null) return enrollment;
    const when = at ?? ctx.clock.now();
    if (when > ctx.clock.now()) throw new InputError({ field: 'at', reason: 'a completion cannot be in the future' });
    const done = completed(enrollment, course, when, learnerZone(learner.timeZone, ctx.timeZone));
    if (!(await saveEnrollment(trx, done))) throw new ConflictError('the enrollment changed meanwhile; try again');
    return { ...done, version: done.version + 1 };
  });
}

/** Enrollments as documents; a team leader sees their team's, a learner their own. */
export async function listEnrollmentDocuments(ctx: DomainContext, filter: { course?: string; learner?: string }, actor: Actor) {
  const db = ctx.store.db;
  let learners: string[] | undefined;
  if (actor !== 'system' && actor.trainingRole !== 'account owner' && actor.trainingRole !== 'administrator') {
    if (actor.trainingRole === 'team leader') {
      learners = (await listUsers(db)).filter((u) => u.manager === actor.id || u.id === actor.id).map((u) => u.id);
    } else learners = [actor.id];
  }
  const enrollments = await listEnrollments(db, { ...filter, learners });
  const courses = await loadCourses(db, [...new Set(enrollments.map((e) => e.course))]);
  const users = await getUsers(db, enrollments.map((e) => e.learner));
  return enrollments.map((e) => enrollmentDocument(e, courses.get(e.course), users.get(e.learner)));
}

export function enrollmentDocument(e: EnrollmentRecord, course?: CourseDocument, learner?: UserRecord) {
  return {
    learner: e.learner,
    course: e.course,
    ...(learner ? { learnerName: learner.name } : {}),
    ...(course ? { courseTitle: course.title } : {}),
    assignedAt: iso(e.assignedAt),
    dueDate: e.dueDateOverride,
    cycle: e.cycle,
    cycleKind: e.cycleKind,
    cycleDueDate: e.cycleDueDate,
    completedAt: e.completedAt === null ? null : iso(e.completedAt),
    complianceDate: e.complianceDate,
    remindersSent: e.remindersSent,
    nextActionAt: e.nextActionAt === null ? null : iso(e.nextActionAt),
  };
}
