/** Reading courses and training rules back as validated domain documents. */
import type { Executor } from '../../storage/store.js';
import { getStoredCourse, listStoredCourses } from '../../storage/courses.js';
import { listStoredTrainingRules } from '../../storage/training-rules.js';
import { NotFoundError } from '../../errors.js';
import { courseDocumentSchema, missingPrerequisites, type CourseDocument } from './course-document.js';
import { trainingRuleSchema, type TrainingRule } from './training-rule-document.js';

export async function loadCourse(db: Executor, id: string): Promise<CourseDocument> {
  const stored = await getStoredCourse(db, id);
  if (!stored) throw new NotFoundError('course', id);
  return courseDocumentSchema.parse(stored.document);
}

export async function findCourse(db: Executor, id: string): Promise<CourseDocument | undefined> {
  const stored = await getStoredCourse(db, id);
  return stored && courseDocumentSchema.parse(stored.document);
}

export async function loadCourses(db: Executor, ids?: readonly string[]): Promise<Map<string, CourseDocument>> {
  return new Map((await listStoredCourses(db, ids)).map((c) => [c.id, courseDocumentSchema.parse(c.document)]));
}

export async function loadTrainingRules(db: Executor): Promise<Map<string, TrainingRule>> {
  return new Map((await listStoredTrainingRules(db)).map((r) => [r.name, trainingRuleSchema.parse({ name: r.name, tiers: r.tiers })]));
}

/**
 * The rule whose tiers CC people on this course's reminders of `kind`: escalations must be on,
 * and that kind's prerequisites must hold (docs/training.md, "Escalations").
 */
export function escalationRuleFor(course: CourseDocument, rules: Map<string, TrainingRule>, kind: 'dueReminder' | 'complianceReminder'): TrainingRule | null {
  if (!course.escalations.enabled || course.escalations.rule === null) return null;
  const missing = missingPrerequisites(course);
  if ((kind === 'dueReminder' ? missing.dueDates : missing.compliance).length > 0) return null;
  return rules.get(course.escalations.rule) ?? null;
}
