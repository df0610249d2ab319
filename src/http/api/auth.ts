/**
 * Who is calling: a session cookie (browser) or `Authorization: Bearer esc_…` (scripts and other
 * systems). Writes made with a cookie must carry the session's CSRF token in `X-CSRF-Token`; a
 * bearer token is not sent by browsers on their own, so it needs none.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app.js';
import type { UserRecord } from '../../storage/users.js';
import { sessionUser, tokenUser, SESSION_TTL_MS } from '../../domains/accounts/sign-in.js';
import { HttpProblem, unauthorized } from './problem.js';

export const SESSION_COOKIE = 'escalator_session';

/** The value of one cookie from the Cookie header. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

export function setSessionCookie(reply: FastifyReply, sessionId: string, secure: boolean): void {
  reply.header(
    'set-cookie',
    `${SESSION_COOKIE}=${encodeURIComponent(sessionId)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_TTL_MS / 1000}${secure ? '; Secure' : ''}`,
  );
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function authenticate(app: App, request: FastifyRequest): Promise<UserRecord> {
  const ctx = app.helpDesk;
  const authorization = request.headers.authorization;
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    const user = match ? await tokenUser(ctx, match[1]!, app.tokenCache) : undefined;
    if (!user) throw unauthorized('the API token is not valid (revoked, mistyped, or its user is inactive)');
    return user;
  }
  const sessionId = readCookie(request, SESSION_COOKIE);
  if (!sessionId) throw unauthorized();
  const session = await sessionUser(ctx, sessionId);
  if (!session) throw unauthorized('the session has expired; sign in again');
  if (!SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
    throw new HttpProblem(403, 'Forbidden', 'missing or wrong X-CSRF-Token header (it came with the sign-in response)');
  }
  return session.user;
}
