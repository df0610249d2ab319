import type { Executor } from './store.js';
import { fromFlag, fromJson, toFlag, toJson } from './codec.js';

/**
 * A stored help-desk rule. Storage keeps the document body opaque: the help-desk domain owns its
 * shape and validates it before it gets here.
 */
export interface StoredRule {
  id: number;
  name: string;
  enabled: boolean;
  processOrder: number;
  body: Record<string, unknown>;
}

export async function listStoredRules(db: Executor): Promise<StoredRule[]> {
  const rows = await db.selectFrom('escalation_rules').selectAll().orderBy('process_order').execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    enabled: fromFlag(r.enabled),
    processOrder: r.process_order,
    body: fromJson<Record<string, unknown>>(r.document, {}),
  }));
}

export async function insertStoredRule(db: Executor, rule: Omit<StoredRule, 'id'>, at: number): Promise<number> {
  const row = await db
    .insertInto('escalation_rules')
    .values({
      name: rule.name,
      enabled: toFlag(rule.enabled),
      process_order: rule.processOrder,
      document: toJson(rule.body),
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateStoredRule(db: Executor, rule: StoredRule, at: number): Promise<void> {
  await db
    .updateTable('escalation_rules')
    .set({
      name: rule.name,
      enabled: toFlag(rule.enabled),
      process_order: rule.processOrder,
      document: toJson(rule.body),
      updated_at: at,
    })
    .where('id', '=', rule.id)
    .execute();
}

export async function deleteStoredRule(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('escalation_rules').where('id', '=', id).execute();
}

/**
 * Gives rules new process orders in one go. Orders are unique, so a direct swap would collide
 * mid-statement; parking every row at a negative order first avoids that on both dialects.
 */
export async function setProcessOrders(db: Executor, orders: readonly { id: number; processOrder: number }[]): Promise<void> {
  for (const o of orders) {
    await db.updateTable('escalation_rules').set({ process_order: -o.processOrder }).where('id', '=', o.id).execute();
  }
  for (const o of orders) {
    await db.updateTable('escalation_rules').set({ process_order: o.processOrder }).where('id', '=', o.id).execute();
  }
}
