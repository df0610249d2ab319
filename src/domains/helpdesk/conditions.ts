/**
 * What each condition field means, which ops it takes, and when it holds. Conditions are pure
 * functions of the issue and the instant, so the same code decides a run and predicts the next one.
 */
import type { IssueRecord } from '../../storage/issues.js';
import type { LookupKind } from '../../storage/lookups.js';
import type { FieldProblem } from '../../errors.js';
import type { Condition, ConditionField, ConditionOp } from './rule-document.js';

type FieldKind =
  | { kind: 'lookup'; lookup: LookupKind; read: (i: IssueRecord) => string | null }
  | { kind: 'enum'; values: readonly string[]; read: (i: IssueRecord) => string | null }
  | { kind: 'user'; read: (i: IssueRecord) => string | null }
  | { kind: 'count'; read: (i: IssueRecord) => number }
  | { kind: 'flag'; read: (i: IssueRecord) => boolean }
  | { kind: 'deadline'; read: (i: IssueRecord) => number | null };

export const FIELD_KINDS: Record<ConditionField, FieldKind> = {
  priority: { kind: 'lookup', lookup: 'priorities', read: (i) => i.priority },
  substatus: { kind: 'lookup', lookup: 'substatuses', read: (i) => i.substatus },
  clockStatus: { kind: 'enum', values: ['running', 'paused'], read: (i) => i.clockStatus },
  issueType: { kind: 'lookup', lookup: 'issueTypes', read: (i) => i.issueType },
  subtype1: { kind: 'lookup', lookup: 'subtypes1', read: (i) => i.subtype1 },
  subtype2: { kind: 'lookup', lookup: 'subtypes2', read: (i) => i.subtype2 },
  subtype3: { kind: 'lookup', lookup: 'subtypes3', read: (i) => i.subtype3 },
  subtype4: { kind: 'lookup', lookup: 'subtypes4', read: (i) => i.subtype4 },
  organization: { kind: 'lookup', lookup: 'organizations', read: (i) => i.organization },
  department: { kind: 'lookup', lookup: 'departments', read: (i) => i.department },
  location: { kind: 'lookup', lookup: 'locations', read: (i) => i.location },
  project: { kind: 'lookup', lookup: 'projects', read: (i) => i.project },
  escalationCount: { kind: 'count', read: (i) => i.escalationCount },
  assigned: { kind: 'flag', read: (i) => i.assignedTo !== null },
  assignedTo: { kind: 'user', read: (i) => i.assignedTo },
  targetDatePassed: { kind: 'deadline', read: (i) => i.targetDate },
  requiredByDatePassed: { kind: 'deadline', read: (i) => i.requiredByDate },
};

const SET_OPS: readonly ConditionOp[] = ['eq', 'neq', 'in', 'notIn'];
const COUNT_OPS: readonly ConditionOp[] = ['eq', 'neq', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte'];
const FLAG_OPS: readonly ConditionOp[] = ['eq', 'neq'];

export function opsFor(field: ConditionField): readonly ConditionOp[] {
  const { kind } = FIELD_KINDS[field];
  return kind === 'count' ? COUNT_OPS : kind === 'flag' || kind === 'deadline' ? FLAG_OPS : SET_OPS;
}

/**
 * Shape checks that depend on the field (op allowed, value type). References to users and lookup
 * values are checked against the store by rule-validation.ts.
 */
export function checkConditionShape(condition: Condition, at: string): FieldProblem[] {
  const { field, op, value } = condition;
  const spec = FIELD_KINDS[field];
  if (!opsFor(field).includes(op)) {
    return [{ field: `${at}.op`, reason: `op "${op}" is not allowed for field "${field}"; use one of ${opsFor(field).join(', ')}` }];
  }
  const isList = op === 'in' || op === 'notIn';
  if (isList && !Array.isArray(value)) return [{ field: `${at}.value`, reason: `op "${op}" takes a list of values` }];
  if (isList && (value as unknown[]).length === 0) return [{ field: `${at}.value`, reason: `op "${op}" needs at least one value` }];
  if (!isList && Array.isArray(value)) return [{ field: `${at}.value`, reason: `op "${op}" takes a single value, not a list` }];
  const values = (isList ? value : [value]) as unknown[];
  const bad = (reason: string): FieldProblem[] => [{ field: `${at}.value`, reason }];
  switch (spec.kind) {
    case 'count':
      if (!values.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0)) return bad(`"${field}" compares whole numbers of 0 or more`);
      break;
    case 'flag':
    case 'deadline':
      if (typeof value !== 'boolean') return bad(`"${field}" takes true or false`);
      break;
    case 'enum':
      for (const v of values) if (typeof v !== 'string' || !spec.values.includes(v)) return bad(`${JSON.stringify(v)} is not a ${field}; use one of ${spec.values.join(', ')}`);
      break;
    case 'lookup':
    case 'user':
      if (!values.every((v) => v === null || typeof v === 'string')) return bad(`"${field}" takes text values (or null for "not set")`);
      break;
  }
  return [];
}

/** Whether `condition` holds for `issue` at instant `at`. */
export function conditionHolds(condition: Condition, issue: IssueRecord, at: number): boolean {
  const spec = FIELD_KINDS[condition.field];
  const actual = spec.kind === 'deadline' ? deadlinePassed(spec.read(issue), at) : spec.read(issue);
  return compare(actual, condition.op, condition.value);
}

export const deadlinePassed = (deadline: number | null, at: number): boolean => deadline !== null && at >= deadline;

function compare(actual: string | number | boolean | null, op: ConditionOp, expected: Condition['value']): boolean {
  switch (op) {
    case 'eq':
      return actual === expected;
    case 'neq':
      return actual !== expected;
    case 'in':
      return (expected as unknown[]).includes(actual);
    case 'notIn':
      return !(expected as unknown[]).includes(actual);
    case 'gt':
      return (actual as number) > (expected as number);
    case 'gte':
      return (actual as number) >= (expected as number);
    case 'lt':
      return (actual as number) < (expected as number);
    case 'lte':
      return (actual as number) <= (expected as number);
  }
}

/** A half-open span of instants [from, until). */
export interface Window {
  from: number;
  until: number;
}

const ALWAYS: Window = { from: -Infinity, until: Infinity };
const NEVER: Window = { from: Infinity, until: -Infinity };

/**
 * The instants at which `condition` holds while the issue itself stays as it is. Only the
 * deadline fields depend on time; every other field holds always or never until the issue changes,
 * and any change to the issue recomputes its next check.
 */
export function conditionWindow(condition: Condition, issue: IssueRecord): Window {
  const spec = FIELD_KINDS[condition.field];
  if (spec.kind !== 'deadline') return conditionHolds(condition, issue, 0) ? ALWAYS : NEVER;
  const deadline = spec.read(issue);
  const wantsPassed = (condition.op === 'eq') === condition.value;
  if (deadline === null) return wantsPassed ? NEVER : ALWAYS;
  return wantsPassed ? { from: deadline, until: Infinity } : { from: -Infinity, until: deadline };
}

export function intersect(a: Window, b: Window): Window {
  return { from: Math.max(a.from, b.from), until: Math.min(a.until, b.until) };
}

export { ALWAYS };
