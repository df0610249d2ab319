/**
 * Training calendar math, pure. Dates (due dates, compliance dates) are calendar dates in the
 * learner's time zone; reminder slots are instants at the send hour of the learner's day.
 *
 * Slot k of a cycle (k = 1, 2, …) falls at dueDate − startDaysBefore + (k − 1) × everyDays, at
 * sendAt. Slots before the cycle began (the assignment, or the retake) are skipped. Each slot
 * that comes sends the next reminder, numbered by the reminders actually sent, until
 * maxReminders have gone out.
 */
import { DateTime } from 'luxon';
import type { EnrollmentRecord } from '../../storage/enrollments.js';
import type { CourseDocument, ReminderEmail, ReminderSchedule } from './course-document.js';

export function learnerZone(learnerTimeZone: string | null, accountTimeZone: string): string {
  return learnerTimeZone ?? accountTimeZone;
}

/** The cycle-1 due date: the enrollment's own, the course's fixed date, or N days after assignment. */
export function firstDueDate(course: CourseDocument, assignedAt: number, override: string | null, zone: string): string | null {
  if (override) return override;
  if (!course.dueDate) return null;
  if ('date' in course.dueDate) return course.dueDate.date;
  return DateTime.fromMillis(assignedAt, { zone }).plus({ days: course.dueDate.daysAfterAssignment }).toISODate();
}

/** Compliant for N days after completion: the compliance date, in the learner's calendar. */
export function complianceDateAfter(completedAt: number, compliantForDays: number, zone: string): string {
  return DateTime.fromMillis(completedAt, { zone }).plus({ days: compliantForDays }).toISODate()!;
}

/** The automatic retake opens at the start of the day R days before the compliance date. */
export function retakeStartsAt(complianceDate: string, retakeDaysBefore: number, zone: string): number {
  return DateTime.fromISO(complianceDate, { zone }).minus({ days: retakeDaysBefore }).startOf('day').toMillis();
}

export function slotAt(dueDate: string, schedule: ReminderSchedule, slot: number, zone: string): number {
  const [hour, minute] = schedule.sendAt.split(':').map(Number) as [number, number];
  return DateTime.fromISO(dueDate, { zone })
    .minus({ days: schedule.startDaysBefore })
    .plus({ days: (slot - 1) * schedule.everyDays })
    .set({ hour, minute, second: 0, millisecond: 0 })
    .toMillis();
}

export interface CycleSettings {
  kind: 'dueReminder' | 'complianceReminder';
  schedule: ReminderSchedule | null;
  email: ReminderEmail | null;
}

/** The reminder schedule and email of the enrollment's current cycle. */
export function cycleSettings(course: CourseDocument, enrollment: Pick<EnrollmentRecord, 'cycleKind'>): CycleSettings {
  return enrollment.cycleKind === 'due'
    ? { kind: 'dueReminder', schedule: course.reminders, email: course.reminderEmail }
    : { kind: 'complianceReminder', schedule: course.compliance?.reminders ?? null, email: course.compliance?.reminderEmail ?? null };
}

/** The first slot after `afterSlot` that falls in the cycle, with its instant; null if reminders are over. */
export function nextSlot(enrollment: EnrollmentRecord, course: CourseDocument, zone: string, afterSlot = enrollment.lastSlot): { slot: number; at: number } | null {
  const { schedule } = cycleSettings(course, enrollment);
  if (!schedule || !enrollment.cycleDueDate || enrollment.completedAt !== null) return null;
  if (enrollment.remindersSent >= schedule.maxReminders) return null;
  let slot = afterSlot + 1;
  let at = slotAt(enrollment.cycleDueDate, schedule, slot, zone);
  while (at < enrollment.cycleStartedAt) at = slotAt(enrollment.cycleDueDate, schedule, ++slot, zone);
  return { slot, at };
}

/**
 * The latest slot due by `at` that has not been used: a run that comes late (after downtime)
 * sends one reminder for the most recent slot instead of a burst for every slot it missed.
 */
export function dueSlot(enrollment: EnrollmentRecord, course: CourseDocument, zone: string, at: number): number | null {
  let next = nextSlot(enrollment, course, zone);
  if (!next || next.at > at) return null;
  for (;;) {
    const after = nextSlot(enrollment, course, zone, next.slot);
    if (!after || after.at > at) return next.slot;
    next = after;
  }
}

/** When the enrollment next needs a run: its next reminder, or the opening of its retake; null if nothing is ahead. */
export function nextActionAt(enrollment: EnrollmentRecord, course: CourseDocument, zone: string): number | null {
  if (enrollment.completedAt === null) return nextSlot(enrollment, course, zone)?.at ?? null;
  const retake = course.compliance?.retakeDaysBefore;
  if (!enrollment.complianceDate || retake === null || retake === undefined) return null;
  return retakeStartsAt(enrollment.complianceDate, retake, zone);
}
