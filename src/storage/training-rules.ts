import type { Executor } from './store.js';
import { fromJson, toJson } from './codec.js';

/** A stored training escalation rule; the tiers' shape belongs to the training domain. */
export interface StoredTrainingRule {
  id: number;
  name: string;
  tiers: unknown[];
}

export async function upsertTrainingRule(db: Executor, rule: { name: string; tiers: unknown[] }, at: number): Promise<void> {
  const row = { tiers: toJson(rule.tiers), updated_at: at };
  await db
    .insertInto('training_rules')
    .values({ name: rule.name, ...row })
    .onConflict((oc) => oc.column('name').doUpdateSet(row))
    .execute();
}

export async function deleteTrainingRule(db: Executor, name: string): Promise<boolean> {
  const result = await db.deleteFrom('training_rules').where('name', '=', name).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function listStoredTrainingRules(db: Executor): Promise<StoredTrainingRule[]> {
  const rows = await db.selectFrom('training_rules').selectAll().orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, tiers: fromJson(r.tiers, []) }));
}
