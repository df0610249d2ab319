/**
 * The canonical help-desk rule document (docs/rules.md): the one JSON shape that import/export,
 * the CLI, the simulator and the API all read and write.
 */
import { z } from 'zod';

export const CONDITION_FIELDS = [
  'priority',
  'substatus',
  'clockStatus',
  'issueType',
  'subtype1',
  'subtype2',
  'subtype3',
  'subtype4',
  'organization',
  'department',
  'location',
  'project',
  'escalationCount',
  'assigned',
  'assignedTo',
  'targetDatePassed',
  'requiredByDatePassed',
] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];

export const CONDITION_OPS = ['eq', 'neq', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export type ConditionValue = string | number | boolean | null | (string | number | null)[];

export interface Condition {
  field: ConditionField;
  op: ConditionOp;
  value: ConditionValue;
}

const intervalSchema = z
  .object({
    days: z.number().int().min(0).default(0),
    hours: z.number().int().min(0).default(0),
    minutes: z.number().int().min(0).default(0),
  })
  .strict()
  .refine((i) => i.days + i.hours + i.minutes > 0, { message: 'interval must be longer than zero' });

const conditionSchema = z
  .object({
    field: z.enum(CONDITION_FIELDS, { message: `unknown field; expected one of ${CONDITION_FIELDS.join(', ')}` }),
    op: z.enum(CONDITION_OPS, { message: `unknown op; expected one of ${CONDITION_OPS.join(', ')}` }),
    value: z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.union([z.string(), z.number(), z.null()]))]),
  })
  .strict();

const userRef = z.string().min(1);

export const NOTIFY_RECIPIENTS = ['assignee', 'submitter'] as const;

const actionSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('assign'), to: userRef.nullable() }).strict(),
    z.object({ type: z.literal('setPriority'), value: z.string().min(1) }).strict(),
    z.object({ type: z.literal('setSubstatus'), value: z.string().min(1).nullable() }).strict(),
    z
      .object({
        type: z.literal('addNote'),
        text: z.string().trim().min(1, 'note text must not be empty'),
        visibility: z.enum(['public', 'private']).default('private'),
      })
      .strict(),
    z
      .object({
        type: z.literal('notify'),
        users: z.array(userRef).default([]),
        lists: z.array(z.string().min(1)).default([]),
        emails: z.array(z.email({ message: 'not a valid email address' })).default([]),
        recipients: z.array(z.enum(NOTIFY_RECIPIENTS)).default([]),
      })
      .strict()
      .refine((n) => n.users.length + n.lists.length + n.emails.length + n.recipients.length > 0, {
        message: 'notify names no one: give users, lists, emails or recipients',
      }),
    z.object({ type: z.literal('close') }).strict(),
  ],
  { message: 'unknown action type; expected one of assign, setPriority, setSubstatus, addNote, notify, close' },
);

export const ruleDocumentSchema = z
  .object({
    name: z.string().trim().min(1, 'name must not be empty').max(200),
    enabled: z.boolean().default(true),
    processOrder: z.number().int().min(1, 'processOrder starts at 1').optional(),
    interval: intervalSchema,
    after: z.enum(['submitted', 'lastActivity'], { message: 'after must be "submitted" or "lastActivity"' }),
    conditions: z.array(conditionSchema).default([]),
    actions: z.array(actionSchema).min(1, 'a rule needs at least one action'),
  })
  .strict();

export type RuleDocument = z.output<typeof ruleDocumentSchema>;
export type RuleAction = RuleDocument['actions'][number];
export type NotifyAction = Extract<RuleAction, { type: 'notify' }>;

/** A rule as the engine uses it: a validated document with its stored id and a definite order. */
export interface Rule extends RuleDocument {
  id: number;
  processOrder: number;
}

/** The document as exported: every key present, in the canonical order. */
export function toRuleDocument(rule: Rule): Required<RuleDocument> {
  return {
    name: rule.name,
    enabled: rule.enabled,
    processOrder: rule.processOrder,
    interval: rule.interval,
    after: rule.after,
    conditions: rule.conditions as Condition[],
    actions: rule.actions,
  };
}
