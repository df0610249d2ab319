/**
 * When a rule applies, and when an issue next needs looking at. A run reads only issues whose
 * stored next check has come (storage/due-issues.ts), so `nextCheckAt` must never be later than
 * the first instant some rule applies; it may be earlier (the run then just recomputes it).
 */
import type { IssueRecord } from '../../storage/issues.js';
import { addInterval } from '../../time.js';
import { ALWAYS, conditionHolds, conditionWindow, intersect } from './conditions.js';
import type { Condition, Rule } from './rule-document.js';

/** The instant from which the rule's time interval has elapsed for this issue. */
export function intervalElapsesAt(rule: Rule, issue: IssueRecord, timeZone: string): number {
  const basis = rule.after === 'submitted' ? issue.submittedAt : issue.lastActivityAt;
  return addInterval(basis, rule.interval, timeZone);
}

/** The seed's test, exactly: enabled, T − basis ≥ interval, and every condition holds at T. */
export function ruleApplies(rule: Rule, issue: IssueRecord, at: number, timeZone: string): boolean {
  return (
    rule.enabled &&
    issue.status === 'open' &&
    at >= intervalElapsesAt(rule, issue, timeZone) &&
    rule.conditions.every((c) => conditionHolds(c as Condition, issue, at))
  );
}

/** The first rule in process order that applies at `at`: at most one escalation per issue per run. */
export function firstApplicableRule(rules: readonly Rule[], issue: IssueRecord, at: number, timeZone: string): Rule | undefined {
  return rules.find((rule) => ruleApplies(rule, issue, at, timeZone));
}

/** Earliest instant ≥ `notBefore` at which `rule` applies to the issue as it stands, or null. */
export function nextApplicableAt(rule: Rule, issue: IssueRecord, notBefore: number, timeZone: string): number | null {
  if (!rule.enabled || issue.status !== 'open') return null;
  const window = rule.conditions.reduce((w, c) => intersect(w, conditionWindow(c as Condition, issue)), ALWAYS);
  const candidate = Math.max(intervalElapsesAt(rule, issue, timeZone), window.from, notBefore);
  return candidate < window.until ? candidate : null;
}

/**
 * The instant the issue must next be evaluated: the earliest any rule applies at or after
 * `notBefore`. After a run at T, pass T + 1 ms: a rule that keeps applying (the seed's Rule A)
 * is then due again at the very next run, and never twice in one.
 */
export function nextCheckAt(rules: readonly Rule[], issue: IssueRecord, notBefore: number, timeZone: string): number | null {
  let earliest: number | null = null;
  for (const rule of rules) {
    const at = nextApplicableAt(rule, issue, notBefore, timeZone);
    if (at !== null && (earliest === null || at < earliest)) {
      earliest = at;
      if (earliest === notBefore) break;
    }
  }
  return earliest;
}
