import { z } from 'zod';
import { route } from '../route.js';
import { clearSessionCookie, readCookie, SESSION_COOKIE, setSessionCookie } from '../auth.js';
import { HttpProblem } from '../problem.js';
import { createApiToken, listTokens, revokeToken, setPassword, signIn, signOut, SignInRefused } from '../../../domains/accounts/sign-in.js';
import { iso, isoOrNull } from '../../../time.js';
import { userView, userViewSchema } from './views.js';

export const authRoutes = [
  route<Record<string, never>, Record<string, never>, { email: string; password: string }>({
    method: 'POST',
    path: '/auth/sign-in',
    summary: 'Sign in with email and password; sets the session cookie and returns the CSRF token for writes',
    tag: 'Accounts',
    public: true,
    body: z.object({ email: z.string().min(1), password: z.string().min(1) }).strict(),
    response: z.object({ user: userViewSchema, csrfToken: z.string(), expiresAt: z.string() }),
    async handler({ app, body, request, reply }) {
      const keys = [`email:${body.email.toLowerCase()}`, `ip:${request.ip}`];
      const throttle = app.signInThrottle;
      const wait = throttle.retryAfter(keys, app.clock.now());
      if (wait > 0) throw new HttpProblem(429, 'Too Many Requests', `too many failed sign-ins; try again in ${wait} s`, { 'retry-after': String(wait) });
      try {
        const session = await signIn(app.helpDesk, body);
        throttle.succeed(keys);
        setSessionCookie(reply, session.sessionId, request.protocol === 'https');
        return { user: userView(session.user), csrfToken: session.csrfToken, expiresAt: iso(session.expiresAt) };
      } catch (error) {
        if (error instanceof SignInRefused) throttle.fail(keys, app.clock.now());
        throw error;
      }
    },
  }),
  route({
    method: 'POST',
    path: '/auth/sign-out',
    summary: 'End the session',
    tag: 'Accounts',
    status: 204,
    async handler({ app, request, reply }) {
      const sessionId = readCookie(request, SESSION_COOKIE);
      if (sessionId) await signOut(app.helpDesk, sessionId);
      clearSessionCookie(reply);
      return null;
    },
  }),
  route({
    method: 'GET',
    path: '/me',
    summary: 'The signed-in user',
    tag: 'Accounts',
    response: userViewSchema,
    handler: async ({ user }) => userView(user),
  }),
  route({
    method: 'GET',
    path: '/me/tokens',
    summary: 'Your personal API tokens (never their values)',
    tag: 'Accounts',
    async handler({ app, user }) {
      return (await listTokens(app.helpDesk, user)).map((t) => ({ id: t.id, name: t.name, createdAt: iso(t.createdAt), lastUsedAt: isoOrNull(t.lastUsedAt), revokedAt: isoOrNull(t.revokedAt) }));
    },
  }),
  route<Record<string, never>, Record<string, never>, { name: string }>({
    method: 'POST',
    path: '/me/tokens',
    summary: 'Create a personal API token; its value is shown in this response only',
    tag: 'Accounts',
    status: 201,
    body: z.object({ name: z.string().min(1) }).strict(),
    response: z.object({ id: z.number(), token: z.string() }),
    handler: ({ app, user, body }) => createApiToken(app.helpDesk, user, body.name),
  }),
  route<{ id: number }>({
    method: 'DELETE',
    path: '/me/tokens/:id',
    summary: 'Revoke a token',
    tag: 'Accounts',
    status: 204,
    params: z.object({ id: z.coerce.number().int() }),
    async handler({ app, user, params }) {
      await revokeToken(app.helpDesk, user, params.id, app.tokenCache);
      return null;
    },
  }),
  route<{ id: string }, Record<string, never>, { password: string }>({
    method: 'PUT',
    path: '/users/:id/password',
    summary: 'Set a password (your own, or anyone’s as an admin)',
    tag: 'Accounts',
    status: 204,
    params: z.object({ id: z.string() }),
    body: z.object({ password: z.string() }).strict(),
    async handler({ app, user, params, body }) {
      await setPassword(app.helpDesk, user, params.id, body.password);
      return null;
    },
  }),
];
