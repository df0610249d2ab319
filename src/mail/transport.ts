/**
 * Where delivered mail goes: an SMTP server (nodemailer) when SMTP_URL is set, otherwise the local
 * mailbox — the outbox rows themselves, readable with `escalator mail list|show`.
 */
import nodemailer from 'nodemailer';
import type { OutboxEmail } from '../storage/outbox.js';

export interface MailTransport {
  readonly name: 'smtp' | 'mailbox';
  send(email: OutboxEmail): Promise<void>;
  close(): void;
}

/** A failure worth no retry: the server said no for good (SMTP 5xx), e.g. an unknown mailbox. */
export class PermanentMailError extends Error {}

export function mailboxTransport(): MailTransport {
  return { name: 'mailbox', send: async () => {}, close: () => {} };
}

export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(email) {
      try {
        await transporter.sendMail({
          from,
          to: email.to,
          cc: email.cc.length > 0 ? email.cc : undefined,
          subject: email.subject,
          text: email.body,
          // Stable across retries, so a receiver can drop the copy a crash after hand-off could cause.
          messageId: `<outbox-${email.id}-${email.createdAt}@escalator>`,
        });
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        if (code !== undefined && code >= 500 && code < 600) throw new PermanentMailError((error as Error).message);
        throw error;
      }
    },
    close: () => transporter.close(),
  };
}
