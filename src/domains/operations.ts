/** Runs, the outbox and webhook subscriptions as people reach them, with the access check for each. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DomainContext } from './context.js';
import type { Actor } from './actor.js';
import { assertHelpDesk } from './helpdesk/access.js';
import { executeRun, type Engine, type RunOutcome } from '../engine/run.js';
import { getRun, listRuns, type RunRecord } from '../storage/runs.js';
import { listEscalations } from '../storage/escalations.js';
import { listReminders } from '../storage/training-reminders.js';
import { getEmail, listEmails, requeueMessage, type OutboxEmail, type OutboxFilter } from '../storage/outbox.js';
import { deleteWebhook, getWebhook, insertWebhook, listWebhooks, updateWebhook, WEBHOOK_EVENTS, type WebhookRecord } from '../storage/webhooks.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { parseWith } from '../validation.js';

export async function runsFor(ctx: DomainContext, actor: Actor, limit = 50, beforeId?: number): Promise<RunRecord[]> {
  assertHelpDesk(actor, 'read runs');
  return listRuns(ctx.store.db, limit, beforeId);
}

export async function runDetail(ctx: DomainContext, actor: Actor, id: number) {
  assertHelpDesk(actor, 'read runs');
  const run = await getRun(ctx.store.db, id);
  if (!run) throw new NotFoundError('run', String(id));
  const [escalations, reminders] = await Promise.all([listEscalations(ctx.store.db, { runId: id }), listReminders(ctx.store.db, { runId: id })]);
  return { run, escalations: escalations.map((e) => ({ id: e.id, issue: e.issueId, rule: e.ruleName, escalationCount: e.escalationCount })), reminders: reminders.map((r) => ({ id: r.id, enrollment: r.enrollmentId, cycle: r.cycle, reminder: r.reminderNumber, kind: r.kind })) };
}

export async function triggerRun(engine: Engine, actor: Actor): Promise<RunOutcome> {
  assertHelpDesk(actor, 'trigger runs');
  const outcome = await executeRun(engine, { trigger: 'manual' });
  if ('skipped' in outcome) throw new ConflictError('another run is in progress; try again when it has finished');
  return outcome;
}

export async function outboxFor(ctx: DomainContext, actor: Actor, filter: OutboxFilter): Promise<OutboxEmail[]> {
  assertHelpDesk(actor, 'read mail');
  return listEmails(ctx.store.db, filter);
}

export async function outboxMessage(ctx: DomainContext, actor: Actor, id: number): Promise<OutboxEmail> {
  assertHelpDesk(actor, 'read mail');
  const email = await getEmail(ctx.store.db, id);
  if (!email) throw new NotFoundError('email', String(id));
  return email;
}

/** Retry a failed (or sent) email: back in the queue, due now. */
export async function requeue(ctx: DomainContext, actor: Actor, id: number): Promise<OutboxEmail> {
  assertHelpDesk(actor, 'manage mail');
  const email = await getEmail(ctx.store.db, id);
  if (!email) throw new NotFoundError('email', String(id));
  return requeueMessageNow(ctx, email);
}

/** Deliver a webhook delivery again; the delivery must belong to that subscription. */
export async function redeliver(ctx: DomainContext, actor: Actor, webhookId: number, deliveryId: number): Promise<OutboxEmail> {
  assertHelpDesk(actor, 'manage webhooks');
  const delivery = await getEmail(ctx.store.db, deliveryId);
  if (!delivery || delivery.webhookId !== webhookId) throw new NotFoundError('delivery', `${webhookId}/${deliveryId}`);
  return requeueMessageNow(ctx, delivery);
}

async function requeueMessageNow(ctx: DomainContext, message: OutboxEmail): Promise<OutboxEmail> {
  if (message.status === 'pending') throw new ConflictError(`message ${message.id} is already waiting to be sent`);
  await requeueMessage(ctx.store.db, message.id, ctx.clock.now());
  return (await getEmail(ctx.store.db, message.id))!;
}

export const webhookSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, message: 'an http:// or https:// URL' }),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, 'subscribe to at least one event'),
    secret: z.string().min(16, 'a secret has at least 16 characters').optional(),
    active: z.boolean().default(true),
  })
  .strict();

export type WebhookView = Omit<WebhookRecord, 'secret' | 'createdAt'> & { createdAt: string };
const view = (w: WebhookRecord): WebhookView => ({ id: w.id, url: w.url, events: w.events, active: w.active, createdAt: new Date(w.createdAt).toISOString() });

export async function webhooksFor(ctx: DomainContext, actor: Actor): Promise<WebhookView[]> {
  assertHelpDesk(actor, 'manage webhooks');
  return (await listWebhooks(ctx.store.db)).map(view);
}

/** Creates a subscription; the secret (given, or generated) is returned this once. */
export async function createWebhook(ctx: DomainContext, actor: Actor, input: unknown): Promise<WebhookView & { secret: string }> {
  assertHelpDesk(actor, 'manage webhooks');
  const doc = parseWith(webhookSchema, input);
  const secret = doc.secret ?? randomBytes(24).toString('base64url');
  const record = { url: doc.url, events: doc.events, active: doc.active, secret, createdAt: ctx.clock.now() };
  const id = await insertWebhook(ctx.store.db, record);
  return { ...view({ ...record, id }), secret };
}

export async function changeWebhook(ctx: DomainContext, actor: Actor, id: number, input: unknown): Promise<WebhookView> {
  assertHelpDesk(actor, 'manage webhooks');
  const existing = await getWebhook(ctx.store.db, id);
  if (!existing) throw new NotFoundError('webhook', String(id));
  const patch = parseWith(webhookSchema.partial(), input);
  const next = { ...existing, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as WebhookRecord;
  await updateWebhook(ctx.store.db, next);
  return view(next);
}

export async function removeWebhook(ctx: DomainContext, actor: Actor, id: number): Promise<void> {
  assertHelpDesk(actor, 'manage webhooks');
  if (!(await deleteWebhook(ctx.store.db, id))) throw new NotFoundError('webhook', String(id));
}

export async function webhookDeliveries(ctx: DomainContext, actor: Actor, id: number, filter: { limit: number; beforeId?: number }) {
  assertHelpDesk(actor, 'manage webhooks');
  if (!(await getWebhook(ctx.store.db, id))) throw new NotFoundError('webhook', String(id));
  return listEmails(ctx.store.db, { kind: 'webhook', webhookId: id, limit: filter.limit, beforeId: filter.beforeId });
}
