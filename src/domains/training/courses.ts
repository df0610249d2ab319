/**
 * Courses. Account owners and administrators edit them and their escalation settings; team
 * leaders and learners cannot. A course change applies to existing enrollments too: their due
 * dates and reminder schedules are recomputed (docs/training.md, "Changing a course").
 */
import type { DomainContext } from '../context.js';
import { inTransaction, type Executor } from '../../storage/store.js';
import { upsertCourse } from '../../storage/courses.js';
import { listEnrollments, saveEnrollment } from '../../storage/enrollments.js';
import { getUsers } from '../../storage/users.js';
import { ConflictError, InputError, joinPath, type FieldProblem } from '../../errors.js';
import { parseWith } from '../../validation.js';
import { z } from 'zod';
import { assertAllowed, type Actor } from './permissions.js';
import { findCourse, loadCourse, loadCourses, loadTrainingRules } from './catalog.js';
import { courseDocumentSchema, escalationPrerequisiteProblem, type CourseDocument } from './course-document.js';
import { firstDueDate, learnerZone, nextActionAt } from './schedule.js';

export const coursesFileSchema = z.union([z.array(courseDocumentSchema), z.object({ courses: z.array(courseDocumentSchema) }).strict(), courseDocumentSchema]);

export function parseCourses(input: unknown, source?: string): CourseDocument[] {
  const parsed = parseWith(coursesFileSchema, input, source);
  return Array.isArray(parsed) ? parsed : 'courses' in parsed ? parsed.courses : [parsed];
}

const sameEscalations = (a: CourseDocument['escalations'] | undefined, b: CourseDocument['escalations']) =>
  a !== undefined && a.enabled === b.enabled && a.rule === b.rule;

/** Checks a course against its rule and prerequisites; `at` prefixes field names. */
async function checkCourse(trx: Executor, course: CourseDocument, at: string): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  if (course.escalations.enabled) {
    if (course.escalations.rule === null) problems.push({ field: joinPath(at, 'escalations.rule'), reason: 'pick the training escalation rule to apply' });
    const problem = escalationPrerequisiteProblem(course);
    if (problem) problems.push({ field: joinPath(at, 'escalations.enabled'), reason: problem });
  }
  if (course.escalations.rule !== null && !(await loadTrainingRules(trx)).has(course.escalations.rule)) {
    problems.push({ field: joinPath(at, 'escalations.rule'), reason: `unknown training escalation rule ${JSON.stringify(course.escalations.rule)}` });
  }
  return problems;
}

/** Saves courses (create or replace by id) and reschedules their enrollments. Returns how many enrollments moved. */
export async function saveCoursesIn(ctx: DomainContext, trx: Executor, courses: readonly CourseDocument[], actor: Actor, itemPath = (i: number) => `courses[${i}]`): Promise<number> {
  const problems: FieldProblem[] = [];
  const ids = new Set<string>();
  for (const [i, course] of courses.entries()) {
    if (ids.has(course.id)) problems.push({ field: joinPath(itemPath(i), 'id'), reason: `duplicate course id ${JSON.stringify(course.id)}` });
    ids.add(course.id);
    const existing = await findCourse(trx, course.id);
    assertAllowed(actor, 'edit courses');
    if (!sameEscalations(existing?.escalations, course.escalations) && (existing || course.escalations.enabled)) assertAllowed(actor, 'set course escalations');
    problems.push(...(await checkCourse(trx, course, itemPath(i))));
  }
  if (problems.length > 0) throw new InputError(problems);
  let moved = 0;
  for (const course of courses) {
    await upsertCourse(trx, { id: course.id, title: course.title, document: course }, ctx.clock.now());
    moved += await rescheduleEnrollments(ctx, trx, course);
  }
  return moved;
}

export async function saveCourses(ctx: DomainContext, courses: readonly CourseDocument[], actor: Actor): Promise<number> {
  return inTransaction(ctx.store, (trx) => saveCoursesIn(ctx, trx, courses, actor, (i) => (courses.length === 1 ? '' : `[${i}]`)));
}

/** Turns escalations on or off and picks the rule: account owners and administrators only. */
export async function setCourseEscalations(ctx: DomainContext, courseId: string, settings: { enabled: boolean; rule?: string | null }, actor: Actor): Promise<CourseDocument> {
  return inTransaction(ctx.store, async (trx) => {
    assertAllowed(actor, 'set course escalations');
    const course = await loadCourse(trx, courseId);
    const next: CourseDocument = { ...course, escalations: { enabled: settings.enabled, rule: settings.rule === undefined ? course.escalations.rule : settings.rule } };
    const problems = await checkCourse(trx, next, '');
    if (problems.length > 0) throw new InputError(problems);
    await upsertCourse(trx, { id: next.id, title: next.title, document: next }, ctx.clock.now());
    return next;
  });
}

/** Recomputes due dates (cycle 1, no override) and next actions of the course's enrollments. */
async function rescheduleEnrollments(ctx: DomainContext, trx: Executor, course: CourseDocument): Promise<number> {
  const enrollments = await listEnrollments(trx, { course: course.id });
  const learners = await getUsers(trx, enrollments.map((e) => e.learner));
  let moved = 0;
  for (const e of enrollments) {
    const zone = learnerZone(learners.get(e.learner)?.timeZone ?? null, ctx.timeZone);
    const cycleDueDate = e.cycleKind === 'due' ? firstDueDate(course, e.assignedAt, e.dueDateOverride, zone) : e.cycleDueDate;
    const updated = { ...e, cycleDueDate };
    const next = nextActionAt(updated, course, zone);
    if (next === e.nextActionAt && cycleDueDate === e.cycleDueDate) continue;
    if (!(await saveEnrollment(trx, { ...updated, nextActionAt: next }))) throw new ConflictError(`enrollment ${e.id} changed while rescheduling; try again`);
    moved++;
  }
  return moved;
}

/**
 * Recomputes a learner's enrollments after their time zone changed: due dates computed from the
 * assignment and every reminder instant are calendar dates and hours in the learner's zone.
 */
export async function rescheduleLearner(ctx: DomainContext, trx: Executor, learnerId: string): Promise<number> {
  const enrollments = await listEnrollments(trx, { learner: learnerId });
  const courses = await loadCourses(trx, [...new Set(enrollments.map((e) => e.course))]);
  const learner = (await getUsers(trx, [learnerId])).get(learnerId);
  const zone = learnerZone(learner?.timeZone ?? null, ctx.timeZone);
  let moved = 0;
  for (const e of enrollments) {
    const course = courses.get(e.course);
    if (!course) continue;
    const cycleDueDate = e.cycleKind === 'due' ? firstDueDate(course, e.assignedAt, e.dueDateOverride, zone) : e.cycleDueDate;
    const next = nextActionAt({ ...e, cycleDueDate }, course, zone);
    if (next === e.nextActionAt && cycleDueDate === e.cycleDueDate) continue;
    if (!(await saveEnrollment(trx, { ...e, cycleDueDate, nextActionAt: next }))) throw new ConflictError(`enrollment ${e.id} changed while rescheduling; try again`);
    moved++;
  }
  return moved;
}
