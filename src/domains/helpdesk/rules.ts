/**
 * Help-desk rules: load, import, export, move, enable, delete. Every change to the rule set makes
 * all open issues due in the same transaction (so no issue can miss a rule), then recomputes their
 * next checks in batches (so the next run is cheap again).
 */
import { z } from 'zod';
import type { Executor, Store } from '../../storage/store.js';
import { inTransaction } from '../../storage/store.js';
import {
  deleteStoredRule,
  insertStoredRule,
  listStoredRules,
  setProcessOrders,
  updateStoredRule,
  type StoredRule,
} from '../../storage/rules.js';
import { markAllOpenDue } from '../../storage/issues.js';
import { InputError, NotFoundError, joinPath, type FieldProblem } from '../../errors.js';
import { parseWith } from '../../validation.js';
import { ruleDocumentSchema, toRuleDocument, type Rule, type RuleDocument } from './rule-document.js';
import { checkRule } from './rule-validation.js';
import { loadReferences } from './references.js';
import { rebuildSchedule } from './rebuild-schedule.js';
import type { HelpDeskContext } from './context.js';
import type { Actor } from '../actor.js';
import { assertHelpDesk } from './access.js';

function toRule(stored: StoredRule): Rule {
  const doc = ruleDocumentSchema.parse({
    ...stored.body,
    name: stored.name,
    enabled: stored.enabled,
    processOrder: stored.processOrder,
  });
  return { ...doc, id: stored.id, processOrder: stored.processOrder };
}

function toStored(rule: Omit<Rule, 'id'> & { id?: number }): Omit<StoredRule, 'id'> & { id?: number } {
  const { id, name, enabled, processOrder, ...body } = rule;
  return { id, name, enabled, processOrder, body };
}

/** All rules in process order (enabled or not). */
export async function loadRules(db: Executor): Promise<Rule[]> {
  return (await listStoredRules(db)).map(toRule);
}

export async function exportRules(store: Store, actor: Actor = 'system') {
  assertHelpDesk(actor, 'read rules');
  return (await loadRules(store.db)).map(toRuleDocument);
}

/**
 * A rules file holds one rule document, a list of them, or `{ "rules": [...] }`. Returns the
 * documents and how to address item i in error messages (`[2]`, `rules[2]`, or the top level).
 */
export function parseRuleDocuments(input: unknown, source?: string): { docs: RuleDocument[]; itemPath: (i: number) => string } {
  let items: unknown[];
  let itemPath: (i: number) => string;
  if (Array.isArray(input)) {
    items = input;
    itemPath = (i) => `[${i}]`;
  } else if (input !== null && typeof input === 'object' && Array.isArray((input as { rules?: unknown }).rules)) {
    items = (input as { rules: unknown[] }).rules;
    itemPath = (i) => `rules[${i}]`;
  } else {
    items = [input];
    itemPath = () => '';
  }
  const problems: FieldProblem[] = [];
  const docs: RuleDocument[] = [];
  items.forEach((item, i) => {
    try {
      docs.push(parseWith(ruleDocumentSchema, item));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.within(itemPath(i)).problems);
    }
  });
  if (problems.length > 0) throw new InputError(problems, source);
  return { docs, itemPath };
}

export interface ImportOptions {
  /** Replace the whole rule set with the file's rules (rules not in the file are deleted). */
  replace?: boolean;
  source?: string;
  /** How items are addressed in error messages (from parseRuleDocuments). */
  itemPath?: (index: number) => string;
  actor?: Actor;
}

/**
 * Adds or updates rules by name. A rule without `processOrder` goes after the last one. Orders must
 * stay unique: a clash is an error naming both rules (use `moveRule` to insert and renumber).
 */
export async function importRules(ctx: HelpDeskContext, docs: RuleDocument[], options: ImportOptions = {}): Promise<Rule[]> {
  assertHelpDesk(options.actor ?? 'system', 'manage rules');
  const saved = await inTransaction(ctx.store, (trx) => importRulesIn(ctx, trx, docs, options));
  await rebuildSchedule(ctx, saved);
  return saved;
}

/** importRules inside the caller's transaction; the caller rebuilds the schedule after commit. */
export async function importRulesIn(ctx: HelpDeskContext, trx: Executor, docs: RuleDocument[], options: ImportOptions = {}): Promise<Rule[]> {
  const itemPath = options.itemPath ?? ((i: number) => `[${i}]`);
  const now = ctx.clock.now();
  const refs = await loadReferences(trx);
  const existing = await loadRules(trx);
  const problems: FieldProblem[] = [];

  const seen = new Map<string, number>();
  docs.forEach((doc, i) => {
    const where = itemPath(i);
    const first = seen.get(doc.name);
    if (first !== undefined) problems.push({ field: joinPath(where, 'name'), reason: `duplicate rule name ${JSON.stringify(doc.name)} (also at ${itemPath(first) || 'the top'})` });
    seen.set(doc.name, i);
    for (const p of checkRule(doc, refs)) problems.push({ field: joinPath(where, p.field), reason: p.reason });
  });

  const kept = options.replace ? [] : existing.filter((r) => !seen.has(r.name));
  const orderOwner = new Map<number, string>(kept.map((r) => [r.processOrder, r.name]));
  docs.forEach((doc, i) => {
    if (doc.processOrder === undefined) return;
    const owner = orderOwner.get(doc.processOrder);
    if (owner !== undefined) {
      problems.push({ field: joinPath(itemPath(i), 'processOrder'), reason: `duplicate process order ${doc.processOrder} (already used by rule ${JSON.stringify(owner)})`, conflict: true });
    }
    orderOwner.set(doc.processOrder, doc.name);
  });
  if (problems.length > 0) throw new InputError(problems, options.source);

  let last = Math.max(0, ...orderOwner.keys());
  const final: (Omit<Rule, 'id'> & { id?: number })[] = [
    ...kept,
    ...docs.map((doc) => ({
      ...doc,
      id: existing.find((r) => r.name === doc.name)?.id,
      processOrder: doc.processOrder ?? ++last,
    })),
  ];

  const finalIds = new Set(final.map((r) => r.id).filter((id) => id !== undefined));
  for (const r of existing) if (!finalIds.has(r.id)) await deleteStoredRule(trx, r.id);
  // Park surviving rows at unique negative orders so new orders never collide mid-way.
  await setProcessOrders(trx, existing.filter((r) => finalIds.has(r.id)).map((r) => ({ id: r.id, processOrder: -r.id - 1_000_000 })));
  const result: Rule[] = [];
  for (const rule of final) {
    const stored = toStored(rule);
    if (rule.id !== undefined) {
      await updateStoredRule(trx, { ...stored, id: rule.id }, now);
      result.push({ ...rule, id: rule.id } as Rule);
    } else {
      const id = await insertStoredRule(trx, stored, now);
      result.push({ ...rule, id } as Rule);
    }
  }
  await markAllOpenDue(trx, now);
  return result.sort((a, b) => a.processOrder - b.processOrder);
}

async function changeRules(ctx: HelpDeskContext, actor: Actor, change: (trx: Executor, rules: Rule[]) => Promise<void>): Promise<Rule[]> {
  assertHelpDesk(actor, 'manage rules');
  const now = ctx.clock.now();
  const rules = await inTransaction(ctx.store, async (trx) => {
    await change(trx, await loadRules(trx));
    await markAllOpenDue(trx, now);
    return loadRules(trx);
  });
  await rebuildSchedule(ctx, rules);
  return rules;
}

/** The rules as documents, for whoever may read them (admins and agents). */
export async function listRules(ctx: HelpDeskContext, actor: Actor = 'system'): Promise<Rule[]> {
  assertHelpDesk(actor, 'read rules');
  return loadRules(ctx.store.db);
}

function findRule(rules: Rule[], name: string): Rule {
  const rule = rules.find((r) => r.name === name);
  if (!rule) throw new NotFoundError('rule', name);
  return rule;
}

/**
 * Puts a rule at `processOrder`. If another rule holds that order it moves down one, and so on
 * down the contiguous run below it, so gaps elsewhere (16, 17, 30) are kept.
 */
export async function moveRule(ctx: HelpDeskContext, name: string, processOrder: number, actor: Actor = 'system'): Promise<Rule[]> {
  parseWith(z.number().int().min(1, 'processOrder starts at 1'), processOrder, 'processOrder');
  return changeRules(ctx, actor, async (trx, rules) => {
    const moving = findRule(rules, name);
    const others = rules.filter((r) => r.id !== moving.id);
    const taken = new Map(others.map((r) => [r.processOrder, r]));
    const updates = [{ id: moving.id, processOrder }];
    for (let order = processOrder; taken.has(order); order++) updates.push({ id: taken.get(order)!.id, processOrder: order + 1 });
    await setProcessOrders(trx, updates);
  });
}

export async function setRuleEnabled(ctx: HelpDeskContext, name: string, enabled: boolean, actor: Actor = 'system'): Promise<Rule[]> {
  return changeRules(ctx, actor, async (trx, rules) => {
    const rule = findRule(rules, name);
    await updateStoredRule(trx, { ...toStored(rule), id: rule.id, enabled }, ctx.clock.now());
  });
}

export async function deleteRule(ctx: HelpDeskContext, name: string, actor: Actor = 'system'): Promise<Rule[]> {
  return changeRules(ctx, actor, async (trx, rules) => {
    await deleteStoredRule(trx, findRule(rules, name).id);
  });
}

