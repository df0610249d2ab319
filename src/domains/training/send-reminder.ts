/**
 * One enrollment, one run: open a due retake, send the reminder whose slot has come, and store
 * the next action — inside the caller's transaction (a savepoint of the run's group). Completion
 * is read under the same row lock, so a reminder never goes out after the learner completed.
 */
import type { RunContext } from '../../engine/processor.js';
import type { Executor } from '../../storage/store.js';
import { getEnrollment, saveEnrollment, type EnrollmentRecord } from '../../storage/enrollments.js';
import { getUsers, usersWithTrainingRole, type UserRecord } from '../../storage/users.js';
import { enqueueEmail } from '../../storage/outbox.js';
import { queueDeliveries, type WebhookRecord } from '../../storage/webhooks.js';
import { insertReminder, type ReminderRecord } from '../../storage/training-reminders.js';
import { ConflictError } from '../../errors.js';
import { escalationRuleFor, findCourse } from './catalog.js';
import type { TrainingRule } from './training-rule-document.js';
import type { CourseDocument } from './course-document.js';
import { resolveReminderRecipients } from './recipients.js';
import { reminderEmail } from './reminder-email.js';
import { cycleSettings, dueSlot, learnerZone, nextActionAt, retakeStartsAt } from './schedule.js';

/**
 * What a run reads once instead of once per enrollment: courses and training rules do not change
 * during a run (a change to them reschedules enrollments in its own transaction), and 1,000 due
 * enrollments typically share a handful of courses.
 */
export class RunCatalog {
  private readonly courses = new Map<string, Promise<CourseDocument | undefined>>();
  private admins: Promise<UserRecord[]> | undefined;
  constructor(
    readonly rules: Map<string, TrainingRule>,
    /** Webhook subscriptions to reminders, read once per run. */
    readonly subscribers: readonly WebhookRecord[] = [],
  ) {}
  course(db: Executor, id: string): Promise<CourseDocument | undefined> {
    let course = this.courses.get(id);
    if (!course) this.courses.set(id, (course = findCourse(db, id)));
    return course;
  }
  administrators(db: Executor): Promise<UserRecord[]> {
    return (this.admins ??= usersWithTrainingRole(db, 'administrator'));
  }
}

export async function processEnrollment(
  run: RunContext,
  trx: Executor,
  catalog: RunCatalog,
  enrollmentId: number,
  accountTimeZone: string,
): Promise<ReminderRecord | null> {
  const { store, at } = run;
  const current = await getEnrollment(store, trx, enrollmentId, { forUpdate: true });
  if (!current || current.nextActionAt === null || current.nextActionAt > at) return null;
  const course = await catalog.course(trx, current.course);
  const learner = (await getUsers(trx, [current.learner])).get(current.learner);
  if (!course || !learner) return null;
  const zone = learnerZone(learner.timeZone, accountTimeZone);

  let enrollment: EnrollmentRecord = current;
  const retake = course.compliance?.retakeDaysBefore;
  if (enrollment.completedAt !== null && enrollment.complianceDate && retake !== null && retake !== undefined) {
    const opens = retakeStartsAt(enrollment.complianceDate, retake, zone);
    if (opens <= at) {
      // The automatic retake: a new cycle, due on the compliance date, reminders numbered from 1.
      enrollment = {
        ...enrollment,
        cycle: enrollment.cycle + 1,
        cycleKind: 'compliance',
        cycleStartedAt: opens,
        cycleDueDate: enrollment.complianceDate,
        completedAt: null,
        remindersSent: 0,
        lastSlot: 0,
      };
    }
  }

  let record: ReminderRecord | null = null;
  const slot = enrollment.completedAt === null ? dueSlot(enrollment, course, zone, at) : null;
  if (slot !== null) {
    if (learner.active) {
      const settings = cycleSettings(course, enrollment);
      const number = enrollment.remindersSent + 1;
      const rule = escalationRuleFor(course, catalog.rules, settings.kind);
      const recipients = await resolveReminderRecipients(trx, learner, rule, number, (db) => catalog.administrators(db));
      let outboxId: number | null = null;
      if (recipients.to.length + recipients.cc.length > 0) {
        const email = reminderEmail({
          kind: settings.kind,
          course,
          template: settings.email,
          learner,
          dueDate: enrollment.cycleDueDate!,
          reminderNumber: number,
          to: recipients.to,
          cc: recipients.cc,
        });
        outboxId = await enqueueEmail(trx, email, run.clock.now());
      }
      const entry: Omit<ReminderRecord, 'id'> = {
        enrollmentId: enrollment.id,
        runId: run.runId,
        cycle: enrollment.cycle,
        reminderNumber: number,
        kind: settings.kind,
        at,
        to: recipients.to,
        cc: recipients.cc,
        skipped: recipients.skipped,
        outboxId,
      };
      record = { ...entry, id: await insertReminder(trx, entry) };
      await queueDeliveries(
        trx,
        catalog.subscribers,
        'reminder',
        { id: record.id, run: run.runId, kind: entry.kind, course: course.id, learner: learner.id, cycle: entry.cycle, reminder: number, at: new Date(at).toISOString(), to: entry.to, cc: entry.cc, skipped: entry.skipped },
        run.clock.now(),
      );
      enrollment = { ...enrollment, remindersSent: number, lastSlot: slot };
    } else {
      // An inactive learner gets no reminders; the slot passes (docs/training.md).
      run.log.info({ enrollment: enrollment.id, learner: learner.id }, 'reminder slot passed: learner is inactive');
      enrollment = { ...enrollment, lastSlot: slot };
    }
  }

  const next = nextActionAt(enrollment, course, zone);
  enrollment = { ...enrollment, nextActionAt: next === null ? null : Math.max(next, at + 1) };
  if (!(await saveEnrollment(trx, enrollment))) throw new ConflictError(`enrollment ${enrollment.id} changed during its reminder`);
  return record;
}
