import { sql } from 'kysely';
import type { Executor, Store } from './store.js';
import { fromInstant, fromJson, toJson } from './codec.js';
import type { OutboxRow } from './schema.js';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

/**
 * One outbox message: an email (`to`, `cc`, `subject`, `body`), or a webhook delivery (kind
 * `webhook`: `to` holds the URL, `body` the JSON payload, `event` its type).
 */
export interface OutgoingEmail {
  kind: string;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  escalationId?: number | null;
  webhookId?: number | null;
  event?: string | null;
}

export interface OutboxEmail extends OutgoingEmail {
  id: number;
  createdAt: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  sentAt: number | null;
  /** `smtp`, `mailbox` (no SMTP server configured: the mail stays local) or `http` (webhooks). */
  transport: string | null;
  /** The HTTP status a webhook endpoint last answered. */
  responseStatus: number | null;
}

function fromRow(r: OutboxRow): OutboxEmail {
  return {
    id: r.id,
    kind: r.kind,
    to: fromJson(r.to_addresses, []),
    cc: fromJson(r.cc_addresses, []),
    subject: r.subject,
    body: r.body,
    escalationId: r.escalation_id,
    webhookId: r.webhook_id,
    event: r.event,
    responseStatus: r.response_status,
    createdAt: fromInstant(r.created_at)!,
    status: r.status as OutboxStatus,
    attempts: r.attempts,
    nextAttemptAt: fromInstant(r.next_attempt_at)!,
    lastError: r.last_error,
    sentAt: fromInstant(r.sent_at),
    transport: r.transport,
  };
}

/** Queues mail inside the caller's transaction: it exists exactly when the work that caused it does. */
export async function enqueueEmail(db: Executor, email: OutgoingEmail, now: number): Promise<number> {
  const row = await db
    .insertInto('outbox')
    .values({
      created_at: now,
      kind: email.kind,
      to_addresses: toJson(email.to),
      cc_addresses: toJson(email.cc),
      subject: email.subject,
      body: email.body,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      escalation_id: email.escalationId ?? null,
      webhook_id: email.webhookId ?? null,
      event: email.event ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims up to `limit` pending emails that are due, for `leaseMs`. Relies on `outbox_pending_idx
 * (next_attempt_at, id) WHERE status = 'pending'` (hence the literal, which lets PostgreSQL match
 * the partial index). On PostgreSQL `SKIP LOCKED` lets several senders claim disjoint batches; on
 * SQLite the single writer makes the UPDATE atomic already. A sender that dies before marking its
 * claim leaves it to expire and be claimed again.
 */
export async function claimDueEmails(store: Store, now: number, limit: number, leaseMs: number): Promise<OutboxEmail[]> {
  const db = store.db;
  const due = db
    .selectFrom('outbox')
    .select('id')
    .where('status', '=', sql.lit('pending'))
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .$if(store.supportsRowLocks, (q) => q.forUpdate().skipLocked());
  const rows = await db
    .updateTable('outbox')
    .set((eb) => ({ locked_until: now + leaseMs, attempts: eb('attempts', '+', 1) }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.map(fromRow).sort((a, b) => a.id - b.id);
}

export async function markEmailSent(db: Executor, id: number, at: number, transport: string, responseStatus: number | null = null): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: at, transport, locked_until: null, last_error: null, response_status: responseStatus })
    .where('id', '=', id)
    .execute();
}

export async function markEmailRetry(db: Executor, id: number, error: string, nextAttemptAt: number, responseStatus: number | null = null): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: nextAttemptAt, locked_until: null, last_error: error, response_status: responseStatus })
    .where('id', '=', id)
    .execute();
}

export async function markEmailFailed(db: Executor, id: number, error: string, responseStatus: number | null = null): Promise<void> {
  await db.updateTable('outbox').set({ status: 'failed', locked_until: null, last_error: error, response_status: responseStatus }).where('id', '=', id).execute();
}

/** Puts a failed (or sent) message back in the queue, due now: "retry" and "redeliver" on demand. */
export async function requeueMessage(db: Executor, id: number, now: number): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'pending', next_attempt_at: now, locked_until: null, attempts: 0 })
    .where('id', '=', id)
    .where('status', '!=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface OutboxFilter {
  status?: OutboxStatus;
  kind?: string;
  webhookId?: number;
  limit?: number;
  /** Cursor: only messages with a smaller id (newest first). */
  beforeId?: number;
}

export async function getEmail(db: Executor, id: number): Promise<OutboxEmail | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

export async function listEmails(db: Executor, filter: OutboxFilter = {}): Promise<OutboxEmail[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .$if(filter.kind !== undefined, (q) => (filter.kind === 'email' ? q.where('kind', '!=', 'webhook') : q.where('kind', '=', filter.kind!)))
    .$if(filter.webhookId !== undefined, (q) => q.where('webhook_id', '=', filter.webhookId!))
    .$if(filter.beforeId !== undefined, (q) => q.where('id', '<', filter.beforeId!))
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(fromRow);
}
