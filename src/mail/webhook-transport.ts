/**
 * Webhook deliveries: an HTTP POST of the JSON payload, signed like this
 *
 *   Escalator-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the secret>
 *
 * so a receiver can check both origin and freshness (reject an old t to stop replays).
 */
import { createHmac } from 'node:crypto';
import type { OutboxEmail } from '../storage/outbox.js';
import { PermanentMailError } from './transport.js';

export class DeliveryError extends Error {
  constructor(message: string, readonly status: number | null) {
    super(message);
  }
}

export function signPayload(secret: string, timestamp: number, body: string): string {
  const t = Math.floor(timestamp / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export interface WebhookTransport {
  send(message: OutboxEmail, secret: string, now: number): Promise<number>;
}

export function httpWebhookTransport(timeoutMs = 10_000): WebhookTransport {
  return {
    async send(message, secret, now) {
      const url = message.to[0]!;
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Escalator-Webhooks/1',
            'escalator-event': message.event ?? '',
            'escalator-delivery': String(message.id),
            'escalator-signature': signPayload(secret, now, message.body),
          },
          body: message.body,
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new DeliveryError(`POST ${url} failed: ${(error as Error).message}`, null);
      }
      await response.body?.cancel();
      // 410 Gone says the endpoint is retired for good; every other failure is worth retrying.
      if (response.status === 410) throw Object.assign(new PermanentMailError(`POST ${url} answered 410 Gone`), { status: 410 });
      if (response.status < 200 || response.status >= 300) throw new DeliveryError(`POST ${url} answered ${response.status}`, response.status);
      return response.status;
    },
  };
}
