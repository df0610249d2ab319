/**
 * The scenario file `escalator simulate` reads (docs/simulator.md): a setup document plus a time
 * span, a task rate and timed events.
 */
import { z } from 'zod';
import { setupShape } from '../domains/setup-document.js';
import { issuePatchSchema } from '../domains/helpdesk/issue-document.js';

const instant = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 date-time with a zone, e.g. 2026-03-02T08:00:00Z' });

const taskRateSchema = z
  .object({
    days: z.number().int().min(0).default(0),
    hours: z.number().int().min(0).default(0),
    minutes: z.number().int().min(0).default(0),
    seconds: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((r) => ((r.days * 24 + r.hours) * 60 + r.minutes) * 60 + r.seconds >= 1, { message: 'the task rate is at least 1 second' });

const issueEventSchema = z
  .object({
    at: instant,
    issue: z.string().min(1),
    set: issuePatchSchema.optional(),
    note: z
      .object({
        text: z.string().trim().min(1),
        visibility: z.enum(['public', 'private']).default('public'),
        author: z.string().min(1).nullable().default(null),
      })
      .strict()
      .optional(),
    close: z.literal(true).optional(),
    reopen: z.literal(true).optional(),
  })
  .strict()
  .refine((e) => e.set !== undefined || e.note !== undefined || e.close || e.reopen, {
    message: 'an issue event needs "set", "note", "close" or "reopen"',
  });

const trainingEventSchema = z
  .object({
    at: instant,
    complete: z.object({ learner: z.string().min(1), course: z.string().min(1) }).strict().optional(),
    assign: z
      .object({ learner: z.string().min(1), course: z.string().min(1), dueDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a calendar date like 2026-06-20').nullable().optional() })
      .strict()
      .optional(),
  })
  .strict()
  .refine((e) => (e.complete === undefined) !== (e.assign === undefined), { message: 'a training event has either "complete" or "assign"' });

/**
 * An event with `issue` is a help-desk event; any other is a training event. Choosing the schema
 * by that key (rather than a union) keeps error messages about the fields the author meant.
 */
const eventSchema = z.unknown().transform((value, ctx): z.output<typeof issueEventSchema> | z.output<typeof trainingEventSchema> => {
  const schema = value !== null && typeof value === 'object' && 'issue' in value ? issueEventSchema : trainingEventSchema;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path as PropertyKey[] });
  return z.NEVER;
});

export const scenarioSchema = z
  .object({
    start: instant,
    until: instant,
    taskRate: taskRateSchema.default({ days: 0, hours: 0, minutes: 15, seconds: 0 }),
    timeZone: z.string().default('UTC'),
    ...setupShape,
    events: z.array(eventSchema).default([]),
  })
  .strict()
  .refine((s) => Date.parse(s.until) >= Date.parse(s.start), { message: '"until" must not be before "start"', path: ['until'] });

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioEvent = Scenario['events'][number];
export type IssueEvent = z.output<typeof issueEventSchema>;
export type TrainingEvent = z.output<typeof trainingEventSchema>;

export const isIssueEvent = (e: ScenarioEvent): e is IssueEvent => 'issue' in e;

export function taskRateMs(rate: Scenario['taskRate']): number {
  return (((rate.days * 24 + rate.hours) * 60 + rate.minutes) * 60 + rate.seconds) * 1000;
}
