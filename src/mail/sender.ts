/**
 * Delivers the outbox. Claims due mail with a lease, hands each email to the transport, and marks
 * it sent right after the hand-off succeeds. Failures retry with exponential backoff (30 s, 1 min,
 * 2 min … capped at 1 h); after `maxAttempts` tries, or a permanent SMTP refusal, the email is
 * marked failed and kept. Nothing queued is ever deleted.
 */
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Store } from '../storage/store.js';
import { claimDueEmails, markEmailFailed, markEmailRetry, markEmailSent, type OutboxEmail } from '../storage/outbox.js';
import { getWebhook } from '../storage/webhooks.js';
import { PermanentMailError, type MailTransport } from './transport.js';
import { httpWebhookTransport, type WebhookTransport } from './webhook-transport.js';

export interface MailSenderOptions {
  store: Store;
  clock: Clock;
  transport: MailTransport;
  /** Told about each delivery attempt's outcome (metrics). */
  observe?: (kind: 'email' | 'webhook', outcome: 'sent' | 'retry' | 'failed') => void;
  /** Where webhook deliveries (outbox rows of kind `webhook`) go; HTTP by default. */
  webhooks?: WebhookTransport;
  log: Logger;
  maxAttempts?: number;
  batchSize?: number;
  /** Longer than one SMTP hand-off can take; an expired claim is taken up again. */
  leaseMs?: number;
}

export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);
}

export interface DeliveryResult {
  sent: number;
  retried: number;
  failed: number;
}

/** Delivers everything due now, batch after batch. */
export async function deliverDueMail(options: MailSenderOptions): Promise<DeliveryResult> {
  const { store, clock, transport, log } = options;
  const maxAttempts = options.maxAttempts ?? 24;
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const batch = await claimDueEmails(store, clock.now(), options.batchSize ?? 50, options.leaseMs ?? 120_000);
    if (batch.length === 0) return result;
    for (const email of batch) {
      try {
        const status = email.kind === 'webhook' ? await deliverWebhook(options, email) : (await transport.send(email), null);
        await markEmailSent(store.db, email.id, clock.now(), email.kind === 'webhook' ? 'http' : transport.name, status);
        result.sent++;
        options.observe?.(email.kind === 'webhook' ? 'webhook' : 'email', 'sent');
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const status = (error as { status?: number | null }).status ?? null;
        if (error instanceof PermanentMailError || email.attempts >= maxAttempts) {
          await markEmailFailed(store.db, email.id, message, status);
          result.failed++;
          options.observe?.(email.kind === 'webhook' ? 'webhook' : 'email', 'failed');
          log.warn({ email: email.id, attempts: email.attempts, error: message }, 'email failed for good');
        } else {
          await markEmailRetry(store.db, email.id, message, clock.now() + retryDelayMs(email.attempts), status);
          result.retried++;
          options.observe?.(email.kind === 'webhook' ? 'webhook' : 'email', 'retry');
          log.warn({ email: email.id, attempts: email.attempts, error: message }, 'email delivery failed; will retry');
        }
      }
    }
  }
}

async function deliverWebhook(options: MailSenderOptions, message: OutboxEmail): Promise<number> {
  const hook = message.webhookId ? await getWebhook(options.store.db, message.webhookId) : undefined;
  if (!hook) throw new PermanentMailError('the webhook subscription no longer exists');
  return (options.webhooks ?? defaultWebhooks).send(message, hook.secret, options.clock.now());
}

const defaultWebhooks = httpWebhookTransport();
