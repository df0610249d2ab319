import { z } from 'zod';
import { route } from '../route.js';
import { changeWebhook, createWebhook, outboxFor, outboxMessage, redeliver, removeWebhook, requeue, runDetail, runsFor, triggerRun, webhookDeliveries, webhooksFor, webhookSchema } from '../../../domains/operations.js';
import type { OutboxEmail } from '../../../storage/outbox.js';
import type { RunRecord } from '../../../storage/runs.js';
import { iso, isoOrNull } from '../../../time.js';
import { decodeCursor, idPage, pageQuery } from '../pagination.js';

const idParams = z.object({ id: z.coerce.number().int().min(1) });
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

const runView = (r: RunRecord) => ({ ...r, at: iso(r.at), startedAt: iso(r.startedAt), finishedAt: isoOrNull(r.finishedAt) });
const messageView = (e: OutboxEmail) => ({
  id: e.id,
  kind: e.kind,
  status: e.status,
  to: e.to,
  cc: e.cc,
  subject: e.subject,
  body: e.body,
  attempts: e.attempts,
  createdAt: iso(e.createdAt),
  nextAttemptAt: iso(e.nextAttemptAt),
  sentAt: isoOrNull(e.sentAt),
  lastError: e.lastError,
  transport: e.transport,
  ...(e.kind === 'webhook' ? { event: e.event, responseStatus: e.responseStatus } : {}),
});

export const operationsRoutes = [
  route<Record<string, never>, { limit: number; cursor?: string }>({
    method: 'GET',
    path: '/runs',
    summary: 'Escalation runs, newest first (admins and agents)',
    tag: 'Runs',
    query: z.object(pageQuery),
    async handler({ app, user, query }) {
      const runs = await runsFor(app.helpDesk, user, query.limit + 1, decodeCursor(query.cursor, isId));
      return idPage(runs.map(runView), query.limit);
    },
  }),
  route<{ id: number }>({
    method: 'GET',
    path: '/runs/:id',
    summary: 'One run with the escalations and reminders it made',
    tag: 'Runs',
    params: idParams,
    async handler({ app, user, params }) {
      const detail = await runDetail(app.helpDesk, user, params.id);
      return { ...detail, run: runView(detail.run) };
    },
  }),
  route({
    method: 'POST',
    path: '/runs',
    summary: 'Run the escalations task now (admins); 409 if a run is in progress',
    tag: 'Runs',
    status: 201,
    async handler({ app, user }) {
      const outcome = await triggerRun(app.engine, user);
      app.afterRun?.();
      if ('skipped' in outcome) return outcome;
      const { latenessMs: _omit, ...summary } = outcome;
      return { ...summary, at: iso(outcome.at) };
    },
  }),
  route<Record<string, never>, { limit: number; cursor?: string; status?: 'pending' | 'sent' | 'failed'; kind?: string }>({
    method: 'GET',
    path: '/mail',
    summary: 'The outbox, newest first (admins): emails and webhook deliveries',
    tag: 'Mail',
    query: z.object({ ...pageQuery, status: z.enum(['pending', 'sent', 'failed']).optional(), kind: z.string().optional() }),
    async handler({ app, user, query }) {
      const emails = await outboxFor(app.helpDesk, user, { status: query.status, kind: query.kind, limit: query.limit + 1, beforeId: decodeCursor(query.cursor, isId) });
      return idPage(emails.map(messageView), query.limit);
    },
  }),
  route<{ id: number }>({
    method: 'GET',
    path: '/mail/:id',
    summary: 'One outbox message with its delivery state (admins)',
    tag: 'Mail',
    params: idParams,
    handler: async ({ app, user, params }) => messageView(await outboxMessage(app.helpDesk, user, params.id)),
  }),
  route<{ id: number }>({
    method: 'POST',
    path: '/mail/:id/retry',
    summary: 'Put a failed (or sent) email back in the queue, due now (admins)',
    tag: 'Mail',
    params: idParams,
    async handler({ app, user, params }) {
      const message = messageView(await requeue(app.helpDesk, user, params.id));
      app.afterRun?.();
      return message;
    },
  }),
  route({
    method: 'GET',
    path: '/webhooks',
    summary: 'Webhook subscriptions (admins)',
    tag: 'Webhooks',
    handler: ({ app, user }) => webhooksFor(app.helpDesk, user),
  }),
  route<Record<string, never>, Record<string, never>, unknown>({
    method: 'POST',
    path: '/webhooks',
    summary: 'Subscribe a URL to events (escalation, reminder, run.finished); the signing secret is returned once (admins)',
    tag: 'Webhooks',
    status: 201,
    body: webhookSchema as never,
    handler: ({ app, user, body }) => createWebhook(app.helpDesk, user, body),
  }),
  route<{ id: number }, Record<string, never>, unknown>({
    method: 'PATCH',
    path: '/webhooks/:id',
    summary: 'Change a subscription (admins)',
    tag: 'Webhooks',
    params: idParams,
    body: webhookSchema.partial() as never,
    handler: ({ app, user, params, body }) => changeWebhook(app.helpDesk, user, params.id, body),
  }),
  route<{ id: number }>({
    method: 'DELETE',
    path: '/webhooks/:id',
    summary: 'Delete a subscription (admins)',
    tag: 'Webhooks',
    status: 204,
    params: idParams,
    async handler({ app, user, params }) {
      await removeWebhook(app.helpDesk, user, params.id);
      return null;
    },
  }),
  route<{ id: number }, { limit: number; cursor?: string }>({
    method: 'GET',
    path: '/webhooks/:id/deliveries',
    summary: 'The delivery log of a subscription, newest first (admins)',
    tag: 'Webhooks',
    params: idParams,
    query: z.object(pageQuery),
    async handler({ app, user, params, query }) {
      const items = await webhookDeliveries(app.helpDesk, user, params.id, { limit: query.limit + 1, beforeId: decodeCursor(query.cursor, isId) });
      return idPage(items.map(messageView), query.limit);
    },
  }),
  route<{ id: number; delivery: number }>({
    method: 'POST',
    path: '/webhooks/:id/deliveries/:delivery/redeliver',
    summary: 'Deliver again (admins)',
    tag: 'Webhooks',
    params: z.object({ id: z.coerce.number().int(), delivery: z.coerce.number().int() }),
    async handler({ app, user, params }) {
      const message = messageView(await redeliver(app.helpDesk, user, params.id, params.delivery));
      app.afterRun?.();
      return message;
    },
  }),
];
