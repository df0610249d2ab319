/** Training escalation rules: only account owners create, edit and delete them. */
import type { DomainContext } from '../context.js';
import { inTransaction, type Executor } from '../../storage/store.js';
import { deleteTrainingRule, upsertTrainingRule } from '../../storage/training-rules.js';
import { listStoredCourses } from '../../storage/courses.js';
import { ConflictError, InputError, NotFoundError } from '../../errors.js';
import { parseWith } from '../../validation.js';
import { z } from 'zod';
import { assertAllowed, type Actor } from './permissions.js';
import { loadTrainingRules } from './catalog.js';
import { trainingRuleSchema, type TrainingRule } from './training-rule-document.js';

export const trainingRulesFileSchema = z.union([z.array(trainingRuleSchema), z.object({ trainingRules: z.array(trainingRuleSchema) }).strict(), trainingRuleSchema]);

export function parseTrainingRules(input: unknown, source?: string): TrainingRule[] {
  const parsed = parseWith(trainingRulesFileSchema, input, source);
  return Array.isArray(parsed) ? parsed : 'trainingRules' in parsed ? parsed.trainingRules : [parsed];
}

export async function saveTrainingRulesIn(ctx: DomainContext, trx: Executor, rules: readonly TrainingRule[], actor: Actor): Promise<void> {
  if (rules.length === 0) return;
  assertAllowed(actor, 'manage training rules');
  const names = new Set<string>();
  rules.forEach((r, i) => {
    if (names.has(r.name)) throw new InputError({ field: `trainingRules[${i}].name`, reason: `duplicate rule name ${JSON.stringify(r.name)}` });
    names.add(r.name);
  });
  for (const rule of rules) await upsertTrainingRule(trx, rule, ctx.clock.now());
}

export async function saveTrainingRules(ctx: DomainContext, rules: readonly TrainingRule[], actor: Actor): Promise<void> {
  await inTransaction(ctx.store, (trx) => saveTrainingRulesIn(ctx, trx, rules, actor));
}

/** A rule a course uses cannot be deleted: that would silently stop its escalations. */
export async function deleteTrainingRuleNamed(ctx: DomainContext, name: string, actor: Actor): Promise<void> {
  assertAllowed(actor, 'manage training rules');
  await inTransaction(ctx.store, async (trx) => {
    const users = (await listStoredCourses(trx)).filter((c) => (c.document as { escalations?: { rule?: string } }).escalations?.rule === name);
    if (users.length > 0) throw new ConflictError(`training rule ${JSON.stringify(name)} is used by course ${users.map((c) => JSON.stringify(c.id)).join(', ')}; pick another rule there first`);
    if (!(await deleteTrainingRule(trx, name))) throw new NotFoundError('training rule', name);
  });
}

/** Account owners and administrators read the rules (to pick one for a course). */
export async function listTrainingRules(ctx: DomainContext, actor: Actor = 'system'): Promise<TrainingRule[]> {
  assertAllowed(actor, 'set course escalations');
  return [...(await loadTrainingRules(ctx.store.db)).values()];
}
