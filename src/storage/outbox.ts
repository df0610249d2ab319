import { sql } from 'kysely';
import type { Executor, Store } from './store.js';
import { fromInstant, fromJson, toJson } from './codec.js';
import type { OutboxRow } from './schema.js';

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutgoingEmail {
  kind: string;
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  escalationId?: number | null;
}

export interface OutboxEmail extends OutgoingEmail {
  id: number;
  createdAt: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  sentAt: number | null;
  /** `smtp`, or `mailbox` when no SMTP server is configured and the mail stays local. */
  transport: string | null;
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

export async function markEmailSent(db: Executor, id: number, at: number, transport: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: at, transport, locked_until: null, last_error: null })
    .where('id', '=', id)
    .execute();
}

export async function markEmailRetry(db: Executor, id: number, error: string, nextAttemptAt: number): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ next_attempt_at: nextAttemptAt, locked_until: null, last_error: error })
    .where('id', '=', id)
    .execute();
}

export async function markEmailFailed(db: Executor, id: number, error: string): Promise<void> {
  await db.updateTable('outbox').set({ status: 'failed', locked_until: null, last_error: error }).where('id', '=', id).execute();
}

export async function getEmail(db: Executor, id: number): Promise<OutboxEmail | undefined> {
  const row = await db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
  return row && fromRow(row);
}

export async function listEmails(db: Executor, filter: { status?: OutboxStatus; limit?: number } = {}): Promise<OutboxEmail[]> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(fromRow);
}
