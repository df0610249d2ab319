/**
 * The course document (docs/training.md): due date, automatic reminders, reminder email,
 * compliance and escalation settings. The same shape is read by the CLI, the simulator and the API.
 */
import { z } from 'zod';
import { DateTime } from 'luxon';
import { unknownPlaceholders } from '../../templates.js';

export const REMINDER_PLACEHOLDERS = ['learner.name', 'course.title', 'dueDate', 'reminder.number', 'course.link'] as const;

const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a calendar date like 2026-06-20')
  .refine((d) => DateTime.fromISO(d).isValid, 'not a valid date');

const template = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} must not be empty`)
    .superRefine((text, ctx) => {
      for (const name of unknownPlaceholders(text, REMINDER_PLACEHOLDERS)) {
        ctx.addIssue({ code: 'custom', message: `unknown placeholder {{${name}}}; use ${REMINDER_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}` });
      }
    });

export const reminderScheduleSchema = z
  .object({
    startDaysBefore: z.number().int().min(0),
    everyDays: z.number().int().min(1),
    maxReminders: z.number().int().min(1),
    sendAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day like 09:00')
      .default('09:00'),
  })
  .strict();

export const reminderEmailSchema = z.object({ subject: template('subject'), body: template('body') }).strict();

const dueDateSchema = z.union([
  z.object({ daysAfterAssignment: z.number().int().min(0) }).strict(),
  z.object({ date: calendarDate }).strict(),
]);

export const courseDocumentSchema = z
  .object({
    id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'id may use letters, digits, ".", "_" and "-"'),
    title: z.string().trim().min(1, 'title must not be empty'),
    link: z.string().url().nullable().default(null),
    dueDate: dueDateSchema.nullable().default(null),
    reminders: reminderScheduleSchema.nullable().default(null),
    reminderEmail: reminderEmailSchema.nullable().default(null),
    compliance: z
      .object({
        compliantForDays: z.number().int().min(1),
        /** Automatic retake: a new cycle opens this many days before the compliance date. */
        retakeDaysBefore: z.number().int().min(0).nullable().default(null),
        reminders: reminderScheduleSchema.nullable().default(null),
        reminderEmail: reminderEmailSchema.nullable().default(null),
      })
      .strict()
      .nullable()
      .default(null),
    escalations: z
      .object({ enabled: z.boolean().default(false), rule: z.string().min(1).nullable().default(null) })
      .strict()
      .default({ enabled: false, rule: null }),
  })
  .strict();

export type CourseDocument = z.output<typeof courseDocumentSchema>;
export type ReminderSchedule = z.output<typeof reminderScheduleSchema>;
export type ReminderEmail = z.output<typeof reminderEmailSchema>;

export interface Prerequisites {
  dueDates: string[];
  compliance: string[];
}

/** What each kind of escalation still lacks (empty lists: ready). */
export function missingPrerequisites(course: CourseDocument): Prerequisites {
  const dueDates: string[] = [];
  if (!course.dueDate) dueDates.push('a due date');
  if (!course.reminders) dueDates.push('an automatic email reminder');
  if (!course.reminderEmail) dueDates.push('a reminder email');
  const compliance: string[] = [];
  if (!course.compliance || course.compliance.retakeDaysBefore === null) compliance.push('an automatic retake');
  if (!course.compliance?.reminderEmail) compliance.push('a compliance reminder email');
  return { dueDates, compliance };
}

/**
 * Escalations CC people on due-date reminders when the due-date prerequisites hold, and on
 * compliance reminders when the compliance ones hold; enabling them needs at least one set.
 */
export function escalationPrerequisiteProblem(course: CourseDocument): string | null {
  const missing = missingPrerequisites(course);
  if (missing.dueDates.length === 0 || missing.compliance.length === 0) return null;
  return (
    'escalations need the due-date prerequisites (a due date, an automatic email reminder and a reminder email) ' +
    'or the compliance ones (an automatic retake and a compliance reminder email); ' +
    `missing for due dates: ${missing.dueDates.join(', ')}; missing for compliance: ${missing.compliance.join(', ')}`
  );
}

export const DEFAULT_REMINDER_EMAIL: ReminderEmail = {
  subject: 'Reminder {{reminder.number}}: {{course.title}} is due {{dueDate}}',
  body: 'Hello {{learner.name}},\n\nThis is reminder {{reminder.number}} that "{{course.title}}" is due on {{dueDate}}.\n{{course.link}}\n',
};
