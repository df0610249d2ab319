/**
 * "Why did (or didn't) this issue escalate?" For each rule in process order: whether it applies at
 * the instant, and if not, which condition fails or when its interval elapses — every rule's
 * answer, not just the nearest.
 */
import type { HelpDeskContext } from './context.js';
import type { Actor } from '../actor.js';
import { getIssue } from '../../storage/issues.js';
import { iso } from '../../time.js';
import { assertCanSeeIssue } from './access.js';
import { conditionHolds, deadlinePassed, FIELD_KINDS } from './conditions.js';
import { loadRules } from './rules.js';
import { intervalElapsesAt, nextApplicableAt } from './schedule.js';
import type { Condition } from './rule-document.js';

export async function explainIssue(ctx: HelpDeskContext, id: string, at: number, actor: Actor = 'system') {
  const issue = await getIssue(ctx.store, ctx.store.db, id);
  assertCanSeeIssue(actor, issue, id);
  const rules = await loadRules(ctx.store.db);
  let firstApplies: string | null = null;
  const explained = rules.map((rule) => {
    const elapsesAt = intervalElapsesAt(rule, issue, ctx.timeZone);
    const conditions = rule.conditions.map((raw) => {
      const c = raw as Condition;
      const spec = FIELD_KINDS[c.field];
      const actual = spec.kind === 'deadline' ? deadlinePassed(spec.read(issue), at) : spec.read(issue);
      return { field: c.field, op: c.op, value: c.value, actual, holds: conditionHolds(c, issue, at) };
    });
    const reasons: string[] = [];
    if (!rule.enabled) reasons.push('the rule is disabled');
    if (issue.status !== 'open') reasons.push('the issue is closed');
    if (at < elapsesAt) reasons.push(`its interval elapses at ${iso(elapsesAt)}`);
    for (const c of conditions) if (!c.holds) reasons.push(`${c.field} is ${JSON.stringify(c.actual)}, not ${c.op} ${JSON.stringify(c.value)}`);
    const applies = reasons.length === 0;
    const escalates = applies && firstApplies === null;
    if (escalates) firstApplies = rule.name;
    const next = nextApplicableAt(rule, issue, at, ctx.timeZone);
    return {
      rule: rule.name,
      processOrder: rule.processOrder,
      enabled: rule.enabled,
      applies,
      /** Only the first applicable rule escalates the issue in a run. */
      wouldEscalate: escalates,
      intervalElapsesAt: iso(elapsesAt),
      conditions,
      reasons: applies && !escalates ? [`an earlier rule (${firstApplies}) applies first`] : reasons,
      nextApplicableAt: next === null ? null : iso(next),
    };
  });
  return { issue: issue.id, at: iso(at), nextCheckAt: issue.nextCheckAt === null ? null : iso(issue.nextCheckAt), escalatesBy: firstApplies, rules: explained };
}
