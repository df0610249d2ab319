import type { Executor } from './store.js';

/** Admin-managed value lists, keyed as in a scenario's `lookups` object. */
export const LOOKUP_KINDS = [
  'priorities',
  'substatuses',
  'issueTypes',
  'subtypes1',
  'subtypes2',
  'subtypes3',
  'subtypes4',
  'organizations',
  'departments',
  'locations',
  'projects',
] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

/** A kind with no stored values is not restricted (see docs/rules.md, "Lookup lists"). */
export type Lookups = Partial<Record<LookupKind, string[]>>;

export async function replaceLookup(db: Executor, kind: LookupKind, values: readonly string[]): Promise<void> {
  await db.deleteFrom('lookups').where('kind', '=', kind).execute();
  if (values.length === 0) return;
  await db
    .insertInto('lookups')
    .values(values.map((value, position) => ({ kind, value, position })))
    .execute();
}

export async function getLookups(db: Executor): Promise<Lookups> {
  const rows = await db.selectFrom('lookups').selectAll().orderBy('kind').orderBy('position').execute();
  const lookups: Lookups = {};
  for (const row of rows) (lookups[row.kind as LookupKind] ??= []).push(row.value);
  return lookups;
}
