import type { Executor } from './store.js';
import { fromFlag, fromJson, toFlag, toJson } from './codec.js';
import type { UsersTable } from './schema.js';

export const HELP_DESK_ROLES = ['admin', 'agent', 'end user'] as const;
export type HelpDeskRole = (typeof HELP_DESK_ROLES)[number];

export const TRAINING_ROLES = ['account owner', 'administrator', 'team leader', 'learner'] as const;
export type TrainingRole = (typeof TRAINING_ROLES)[number];

/** One person, with a help-desk role and (optionally) a training role. */
export interface UserRecord {
  id: string;
  name: string;
  email: string | null;
  role: HelpDeskRole;
  active: boolean;
  trainingRole: TrainingRole | null;
  /** The user id of this person's manager. */
  manager: string | null;
  /** IANA zone; null means the account's. */
  timeZone: string | null;
  /** Custom profile fields, e.g. { "Supervisor Email": "sup@example.com" }. */
  profile: Record<string, string>;
}

const toRecord = (row: UsersTable): UserRecord => ({
  id: row.id,
  name: row.name,
  email: row.email,
  role: row.role as HelpDeskRole,
  active: fromFlag(row.active),
  trainingRole: row.training_role as TrainingRole | null,
  manager: row.manager_id,
  timeZone: row.time_zone,
  profile: fromJson<Record<string, string>>(row.profile, {}),
});

export async function upsertUser(db: Executor, user: UserRecord): Promise<void> {
  const { id, ...rest } = {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    active: toFlag(user.active),
    training_role: user.trainingRole,
    manager_id: user.manager,
    time_zone: user.timeZone,
    profile: toJson(user.profile),
  };
  await db
    .insertInto('users')
    .values({ id, ...rest })
    .onConflict((oc) => oc.column('id').doUpdateSet(rest))
    .execute();
}

/** Every active user with the given training role (the "administrators" escalation target). */
export async function usersWithTrainingRole(db: Executor, role: TrainingRole): Promise<UserRecord[]> {
  const rows = await db.selectFrom('users').selectAll().where('training_role', '=', role).where('active', '=', 1).orderBy('id').execute();
  return rows.map(toRecord);
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
