/** Training escalation rules: tiers that CC someone from the Nth reminder on. */
import { z } from 'zod';

export const targetSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('email'), address: z.email({ message: 'not a valid email address' }) }).strict(),
    z.object({ type: z.literal('profileField'), field: z.string().trim().min(1, 'field must not be empty') }).strict(),
    z.object({ type: z.literal('administrators') }).strict(),
    z.object({ type: z.literal('manager') }).strict(),
  ],
  { message: 'unknown target type; expected one of email, profileField, administrators, manager' },
);

export const trainingRuleSchema = z
  .object({
    name: z.string().trim().min(1, 'name must not be empty').max(200),
    tiers: z.array(z.object({ fromReminder: z.number().int().min(1, 'fromReminder starts at 1'), target: targetSchema }).strict()).default([]),
  })
  .strict();

export type TrainingRule = z.output<typeof trainingRuleSchema>;
export type Target = z.output<typeof targetSchema>;

export function describeTarget(target: Target): string {
  switch (target.type) {
    case 'email':
      return `email:${target.address}`;
    case 'profileField':
      return `profileField:${target.field}`;
    case 'administrators':
      return 'administrators';
    case 'manager':
      return 'manager';
  }
}
