/**
 * Checks that what a rule or an issue names exists: users, distribution lists, lookup values.
 * Loaded once per save, so validating a file of 50 rules costs three queries, not 150.
 */
import type { Executor } from '../../storage/store.js';
import { listUsers, type UserRecord } from '../../storage/users.js';
import { getLists, type DistributionList } from '../../storage/distribution-lists.js';
import { getLookups, type LookupKind, type Lookups } from '../../storage/lookups.js';
import type { FieldProblem } from '../../errors.js';

export interface References {
  users: Map<string, UserRecord>;
  lists: Map<string, DistributionList>;
  lookups: Lookups;
}

export async function loadReferences(db: Executor): Promise<References> {
  const [users, lists, lookups] = await Promise.all([listUsers(db), getLists(db), getLookups(db)]);
  return { users: new Map(users.map((u) => [u.id, u])), lists, lookups };
}

export function checkUser(refs: References, id: string | null | undefined, field: string): FieldProblem[] {
  if (id === null || id === undefined) return [];
  return refs.users.has(id) ? [] : [{ field, reason: `unknown user ${JSON.stringify(id)}` }];
}

export function checkList(refs: References, id: string | null | undefined, field: string): FieldProblem[] {
  if (id === null || id === undefined) return [];
  return refs.lists.has(id) ? [] : [{ field, reason: `unknown distribution list ${JSON.stringify(id)}` }];
}

/** A lookup kind with no values defined accepts any value (docs/rules.md, "Lookup lists"). */
export function checkLookup(refs: References, kind: LookupKind, value: unknown, field: string): FieldProblem[] {
  const allowed = refs.lookups[kind];
  if (value === null || value === undefined || !allowed || allowed.length === 0) return [];
  return allowed.includes(value as string)
    ? []
    : [{ field, reason: `${JSON.stringify(value)} is not in the ${kind} list (${allowed.map((v) => JSON.stringify(v)).join(', ')})` }];
}
