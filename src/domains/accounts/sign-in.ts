/**
 * Sign-in, sessions and personal API tokens. Session ids and tokens are random 256-bit values
 * handed to the client once; only their SHA-256 is stored, so a copy of the database cannot be
 * replayed as a login.
 */
import { hash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DomainContext } from '../context.js';
import type { Actor } from '../actor.js';
import {
  deleteSession,
  findSession,
  findSignInUser,
  insertApiToken,
  insertSession,
  listApiTokens,
  revokeApiToken,
  setPasswordHash,
  useApiToken,
  type ApiTokenRecord,
} from '../../storage/accounts.js';
import { getUser, type UserRecord } from '../../storage/users.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import { parseWith } from '../../validation.js';
import { DECOY_HASH, hashPassword, verifyPassword } from './passwords.js';

export const SESSION_TTL_MS = 7 * 24 * 3_600_000;
export const TOKEN_PREFIX = 'esc_';

// One-shot hash(): a third of createHash()'s cost on a token-sized input, and it runs on every API request.
const sha256 = (value: string) => hash('sha256', value, 'hex');
const randomToken = () => randomBytes(32).toString('base64url');

export const passwordSchema = z.string().min(10, 'a password has at least 10 characters').max(200);

export class SignInRefused extends Error {
  constructor() {
    super('the email or the password is wrong');
    this.name = 'SignInRefused';
  }
}

export interface Session {
  sessionId: string;
  csrfToken: string;
  user: UserRecord;
  expiresAt: number;
}

export async function signIn(ctx: DomainContext, input: unknown): Promise<Session> {
  const { email, password } = parseWith(z.object({ email: z.string().min(1), password: z.string().min(1) }).strict(), input);
  const found = await findSignInUser(ctx.store.db, email);
  // Always run scrypt, so an unknown email takes as long as a wrong password.
  const ok = await verifyPassword(password, found?.passwordHash ?? DECOY_HASH);
  if (!found || !found.passwordHash || !ok) throw new SignInRefused();
  const user = (await getUser(ctx.store.db, found.id))!;
  const sessionId = randomToken();
  const csrfToken = randomToken();
  const now = ctx.clock.now();
  await insertSession(ctx.store.db, { idHash: sha256(sessionId), userId: user.id, csrfToken, createdAt: now, expiresAt: now + SESSION_TTL_MS });
  return { sessionId, csrfToken, user, expiresAt: now + SESSION_TTL_MS };
}

export async function sessionUser(ctx: DomainContext, sessionId: string): Promise<{ user: UserRecord; csrfToken: string } | undefined> {
  const session = await findSession(ctx.store.db, sha256(sessionId), ctx.clock.now());
  if (!session) return undefined;
  const user = await getUser(ctx.store.db, session.userId);
  return user && user.active ? { user, csrfToken: session.csrfToken } : undefined;
}

export async function signOut(ctx: DomainContext, sessionId: string): Promise<void> {
  await deleteSession(ctx.store.db, sha256(sessionId));
}

/**
 * Bearer tokens resolved in the last few seconds, so an integration's burst of requests costs one
 * token and one user lookup, not two queries per request (bench/api). Revoking a token in this
 * process drops it at once; another process sees a revocation, a deactivation or a role change
 * within `ttlMs`.
 */
export class TokenCache {
  private readonly entries = new Map<string, { user: UserRecord; until: number }>();
  constructor(private readonly ttlMs = 5_000, private readonly limit = 10_000) {}
  get(hash: string, now: number): UserRecord | undefined {
    const entry = this.entries.get(hash);
    if (entry && entry.until > now) return entry.user;
    if (entry) this.entries.delete(hash);
    return undefined;
  }
  set(hash: string, user: UserRecord, now: number): void {
    if (this.entries.size >= this.limit) this.entries.clear();
    this.entries.set(hash, { user, until: now + this.ttlMs });
  }
  clear(): void {
    this.entries.clear();
  }
}

export async function tokenUser(ctx: DomainContext, token: string, cache?: TokenCache): Promise<UserRecord | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const hash = sha256(token);
  const now = ctx.clock.now();
  const cached = cache?.get(hash, now);
  if (cached) return cached;
  const found = await useApiToken(ctx.store.db, hash, now);
  const user = found && (await getUser(ctx.store.db, found.userId));
  if (!user || !user.active) return undefined;
  cache?.set(hash, user, now);
  return user;
}

/** Creates a personal token; the plain value is returned this once and never again. */
export async function createApiToken(ctx: DomainContext, user: UserRecord, name: string): Promise<{ id: number; token: string }> {
  const clean = parseWith(z.string().trim().min(1, 'name must not be empty').max(100), name, 'name');
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const id = await insertApiToken(ctx.store.db, { userId: user.id, name: clean, tokenHash: sha256(token), createdAt: ctx.clock.now() });
  return { id, token };
}

export const listTokens = (ctx: DomainContext, user: UserRecord): Promise<ApiTokenRecord[]> => listApiTokens(ctx.store.db, user.id);

export async function revokeToken(ctx: DomainContext, user: UserRecord, id: number, cache?: TokenCache): Promise<void> {
  if (!(await revokeApiToken(ctx.store.db, user.id, id, ctx.clock.now()))) throw new NotFoundError('token', String(id));
  cache?.clear();
}

/** Sets a password: admins for anyone, everyone for themselves; the system (CLI) too. */
export async function setPassword(ctx: DomainContext, actor: Actor, userId: string, password: string): Promise<void> {
  if (actor !== 'system' && actor.role !== 'admin' && actor.id !== userId) throw new ForbiddenError('not allowed: only admins set other people’s passwords');
  const clean = parseWith(passwordSchema, password, 'password');
  const user = await getUser(ctx.store.db, userId);
  if (!user) throw new NotFoundError('user', userId);
  await setPasswordHash(ctx.store.db, userId, await hashPassword(clean));
}

/**
 * Failed sign-ins, per account (5 in 15 minutes) and per client address (50 in 15 minutes: a
 * whole office may share one address). Kept in the process: with several processes behind a load
 * balancer each counts its own, which still bounds guessing to a few per minute.
 */
export class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(private readonly limits: { account: number; address: number } = { account: 5, address: 50 }, private readonly windowMs = 15 * 60_000) {}

  private limitFor(key: string): number {
    return key.startsWith('ip:') ? this.limits.address : this.limits.account;
  }

  /** Seconds to wait before trying again, or 0. */
  retryAfter(keys: string[], now: number): number {
    let wait = 0;
    for (const key of keys) {
      const recent = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
      this.failures.set(key, recent);
      if (recent.length >= this.limitFor(key)) wait = Math.max(wait, Math.ceil((recent[0]! + this.windowMs - now) / 1000));
    }
    return wait;
  }

  fail(keys: string[], now: number): void {
    for (const key of keys) this.failures.set(key, [...(this.failures.get(key) ?? []), now]);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}

