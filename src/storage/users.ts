import type { Executor } from './store.js';
import { fromFlag, toFlag } from './codec.js';
import type { UsersTable } from './schema.js';

export const HELP_DESK_ROLES = ['admin', 'agent', 'end user'] as const;
export type HelpDeskRole = (typeof HELP_DESK_ROLES)[number];

export interface UserRecord {
  id: string;
  name: string;
  email: string | null;
  role: HelpDeskRole;
  active: boolean;
}

const toRecord = (row: UsersTable): UserRecord => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role as HelpDeskRole,
  active: fromFlag(row.active),
});

export async function upsertUser(db: Executor, user: UserRecord): Promise<void> {
  const row = { id: user.id, name: user.name, email: user.email, role: user.role, active: toFlag(user.active) };
  await db
    .insertInto('users')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: row.name, email: row.email, role: row.role, active: row.active }))
    .execute();
}

export async function getUser(db: Executor, id: string): Promise<UserRecord | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

export async function getUsers(db: Executor, ids: readonly string[]): Promise<Map<string, UserRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('users').selectAll().where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((row) => [row.id, toRecord(row)]));
}

export async function listUsers(db: Executor): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('id').execute();
  return rows.map(toRecord);
}
