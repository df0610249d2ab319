/**
 * The dry run: for every incomplete enrollment of a course, the reminders still to come, each
 * with its instant and resolved To and CC (and any target that would be skipped, with why).
 */
import type { DomainContext } from '../context.js';
import type { Actor } from '../actor.js';
import { assertAllowed } from './permissions.js';
import { listEnrollments } from '../../storage/enrollments.js';
import { getUsers, usersWithTrainingRole } from '../../storage/users.js';
import type { SkippedRecipient } from '../../storage/escalations.js';
import { iso } from '../../time.js';
import { escalationRuleFor, loadCourse, loadTrainingRules } from './catalog.js';
import { recipientsFor } from './recipients.js';
import { cycleSettings, learnerZone, nextSlot } from './schedule.js';

export interface UpcomingReminder {
  reminder: number;
  at: string;
  to: string[];
  cc: string[];
  skipped: SkippedRecipient[];
}

export interface EnrollmentPreview {
  learner: string;
  course: string;
  cycle: number;
  kind: 'dueReminder' | 'complianceReminder';
  dueDate: string | null;
  timeZone: string;
  remindersSent: number;
  upcoming: UpcomingReminder[];
}

export async function previewCourse(ctx: DomainContext, courseId: string, actor: Actor = 'system'): Promise<EnrollmentPreview[]> {
  // The preview shows every learner's mail: the people who set escalations may see it.
  assertAllowed(actor, 'set course escalations');
  const db = ctx.store.db;
  const course = await loadCourse(db, courseId);
  const rules = await loadTrainingRules(db);
  const enrollments = (await listEnrollments(db, { course: courseId })).filter((e) => e.completedAt === null);
  const learners = await getUsers(db, enrollments.map((e) => e.learner));
  const people = await getUsers(db, [...learners.values()].flatMap((l) => (l.manager ? [l.manager] : [])));
  const administrators = await usersWithTrainingRole(db, 'administrator');

  return enrollments.map((e) => {
    const learner = learners.get(e.learner)!;
    const zone = learnerZone(learner.timeZone, ctx.timeZone);
    const settings = cycleSettings(course, e);
    const rule = escalationRuleFor(course, rules, settings.kind);
    const upcoming: UpcomingReminder[] = [];
    let state = e;
    for (let next = nextSlot(state, course, zone); next && learner.active; next = nextSlot(state, course, zone)) {
      const number = state.remindersSent + 1;
      const tiers = (rule?.tiers ?? []).filter((t) => t.fromReminder <= number);
      upcoming.push({ reminder: number, at: iso(next.at), ...recipientsFor(learner, tiers, people, administrators) });
      state = { ...state, remindersSent: number, lastSlot: next.slot };
    }
    return {
      learner: e.learner,
      course: e.course,
      cycle: e.cycle,
      kind: settings.kind,
      dueDate: e.cycleDueDate,
      timeZone: zone,
      remindersSent: e.remindersSent,
      upcoming,
    };
  });
}
