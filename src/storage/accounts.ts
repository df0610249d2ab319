import type { Executor } from './store.js';
import { fromInstant } from './codec.js';

export async function setPasswordHash(db: Executor, userId: string, hash: string | null): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

/** The user with this email (case-insensitive) and their password hash, for sign-in. */
export async function findSignInUser(db: Executor, email: string): Promise<{ id: string; passwordHash: string | null } | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .where('active', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
  return row && { id: row.id, passwordHash: row.password_hash };
}

export async function insertSession(db: Executor, s: { idHash: string; userId: string; csrfToken: string; createdAt: number; expiresAt: number }): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt })
    .execute();
}

export async function findSession(db: Executor, idHash: string, now: number): Promise<{ userId: string; csrfToken: string } | undefined> {
  const row = await db.selectFrom('sessions').select(['user_id', 'csrf_token']).where('id_hash', '=', idHash).where('expires_at', '>', now).executeTakeFirst();
  return row && { userId: row.user_id, csrfToken: row.csrf_token };
}

export async function deleteSession(db: Executor, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export interface ApiTokenRecord {
  id: number;
  userId: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export async function insertApiToken(db: Executor, t: { userId: string; name: string; tokenHash: string; createdAt: number }): Promise<number> {
  const row = await db
    .insertInto('api_tokens')
    .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, created_at: t.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The live token with this hash; marks it used. */
export async function useApiToken(db: Executor, tokenHash: string, now: number): Promise<{ userId: string } | undefined> {
  const row = await db.selectFrom('api_tokens').select(['id', 'user_id', 'last_used_at']).where('token_hash', '=', tokenHash).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  // Written at most once a minute per token, so a busy integration does not turn every read into a write.
  if ((fromInstant(row.last_used_at) ?? 0) < now - 60_000) await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', row.id).execute();
  return { userId: row.user_id };
}

export async function listApiTokens(db: Executor, userId: string): Promise<ApiTokenRecord[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    createdAt: fromInstant(r.created_at)!,
    lastUsedAt: fromInstant(r.last_used_at),
    revokedAt: fromInstant(r.revoked_at),
  }));
}

export async function revokeApiToken(db: Executor, userId: string, id: number, now: number): Promise<boolean> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
