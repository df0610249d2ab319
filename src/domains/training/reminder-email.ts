import { DateTime } from 'luxon';
import type { OutgoingEmail } from '../../storage/outbox.js';
import type { UserRecord } from '../../storage/users.js';
import { renderTemplate } from '../../templates.js';
import { DEFAULT_REMINDER_EMAIL, type CourseDocument, type ReminderEmail } from './course-document.js';

/** The reminder email from the course's templates (or the default ones). */
export function reminderEmail(args: {
  kind: 'dueReminder' | 'complianceReminder';
  course: CourseDocument;
  template: ReminderEmail | null;
  learner: UserRecord;
  dueDate: string;
  reminderNumber: number;
  to: string[];
  cc: string[];
}): OutgoingEmail {
  const template = args.template ?? DEFAULT_REMINDER_EMAIL;
  const values = {
    'learner.name': args.learner.name,
    'course.title': args.course.title,
    dueDate: DateTime.fromISO(args.dueDate).toISODate() ?? args.dueDate,
    'reminder.number': args.reminderNumber,
    'course.link': args.course.link ?? '',
  };
  return {
    kind: args.kind,
    to: args.to,
    cc: args.cc,
    subject: renderTemplate(template.subject, values),
    body: `${renderTemplate(template.body, values).trimEnd()}\n`,
  };
}
