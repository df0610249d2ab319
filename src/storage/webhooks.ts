import type { Executor } from './store.js';
import { fromFlag, fromInstant, fromJson, toFlag, toJson } from './codec.js';
import { enqueueEmail } from './outbox.js';

export const WEBHOOK_EVENTS = ['escalation', 'reminder', 'run.finished'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface WebhookRecord {
  id: number;
  url: string;
  secret: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: number;
}

const fromRow = (r: { id: number; url: string; secret: string; events: string; active: number; created_at: number }): WebhookRecord => ({
  id: r.id,
  url: r.url,
  secret: r.secret,
  events: fromJson(r.events, []),
  active: fromFlag(r.active),
  createdAt: fromInstant(r.created_at)!,
});

export async function insertWebhook(db: Executor, w: Omit<WebhookRecord, 'id'>): Promise<number> {
  const row = await db
    .insertInto('webhooks')
    .values({ url: w.url, secret: w.secret, events: toJson(w.events), active: toFlag(w.active), created_at: w.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWebhook(db: Executor, w: WebhookRecord): Promise<void> {
  await db.updateTable('webhooks').set({ url: w.url, secret: w.secret, events: toJson(w.events), active: toFlag(w.active) }).where('id', '=', w.id).execute();
}

export async function deleteWebhook(db: Executor, id: number): Promise<boolean> {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function getWebhook(db: Executor, id: number): Promise<WebhookRecord | undefined> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

export async function listWebhooks(db: Executor): Promise<WebhookRecord[]> {
  return (await db.selectFrom('webhooks').selectAll().orderBy('id').execute()).map(fromRow);
}

/** Active subscriptions to `event`: what an escalation, a reminder or a finished run fans out to. */
export async function webhooksFor(db: Executor, event: WebhookEvent): Promise<WebhookRecord[]> {
  return (await listWebhooks(db)).filter((w) => w.active && w.events.includes(event));
}

/**
 * Queues one delivery per active subscription to `event`, in the caller's transaction: a webhook
 * exists exactly when the escalation, reminder or run it reports does.
 */
export async function queueWebhookEvent(db: Executor, event: WebhookEvent, data: unknown, now: number): Promise<void> {
  await queueDeliveries(db, await webhooksFor(db, event), event, data, now);
}

/** The same, for subscribers a run has already looked up (once per run, not once per escalation). */
export async function queueDeliveries(db: Executor, subscribers: readonly WebhookRecord[], event: WebhookEvent, data: unknown, now: number): Promise<void> {
  for (const hook of subscribers) {
    await enqueueEmail(
      db,
      { kind: 'webhook', to: [hook.url], cc: [], subject: event, body: JSON.stringify({ event, occurredAt: new Date(now).toISOString(), data }), webhookId: hook.id, event },
      now,
    );
  }
}
