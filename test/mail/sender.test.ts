/** The outbox against a real in-process SMTP server, on both dialects. */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { deliverDueMail, retryDelayMs, type MailSenderOptions } from '../../src/mail/sender.js';
import { smtpTransport } from '../../src/mail/transport.js';
import { enqueueEmail, getEmail } from '../../src/storage/outbox.js';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { startSmtpServer, DEAD_SMTP_URL, type TestSmtpServer } from '../support/smtp.js';

const email = { kind: 'escalation', to: ['stan@example.com'], cc: ['boss@example.com'], subject: 'Issue #7 escalated', body: 'Body text\n' };

test('backoff doubles from 30 s and stops growing at an hour', () => {
  assert.deepEqual([1, 2, 3, 4, 8, 20].map(retryDelayMs), [30_000, 60_000, 120_000, 240_000, 3_600_000, 3_600_000]);
});

for (const dialect of TEST_DIALECTS) {
  describe(`mail outbox [${dialect}]`, () => {
    let store: TestStore;
    let smtp: TestSmtpServer;
    let clock: ManualClock;
    const sender = (url: string, extra: Partial<MailSenderOptions> = {}): MailSenderOptions => ({
      store,
      clock,
      transport: smtpTransport(url, 'Escalator <escalator@example.com>'),
      log: silentLogger,
      ...extra,
    });

    beforeEach(async () => {
      store = await openTestStore(dialect);
      smtp = await startSmtpServer();
      clock = new ManualClock('2026-03-02T08:00:00Z');
    });
    afterEach(async () => {
      await smtp.close();
      await store.close();
    });

    test('delivers over SMTP once, with To, Cc, subject and body; a second pass sends nothing', async () => {
      const id = await enqueueEmail(store.db, email, clock.now());
      assert.deepEqual(await deliverDueMail(sender(smtp.url)), { sent: 1, retried: 0, failed: 0 });
      assert.deepEqual(await deliverDueMail(sender(smtp.url)), { sent: 0, retried: 0, failed: 0 });
      assert.equal(smtp.received.length, 1);
      const [mail] = smtp.received;
      assert.deepEqual(mail!.to, ['stan@example.com', 'boss@example.com']);
      assert.equal(mail!.from, 'escalator@example.com');
      assert.match(mail!.raw, /^Subject: Issue #7 escalated$/m);
      assert.match(mail!.raw, /^Cc: boss@example.com$/m);
      assert.match(mail!.raw, /Body text/);
      assert.match(mail!.raw, new RegExp(`^Message-ID: <outbox-${id}-${clock.now()}@escalator>$`, 'mi'));
      const stored = await getEmail(store.db, id);
      assert.equal(stored!.status, 'sent');
      assert.equal(stored!.transport, 'smtp');
      assert.equal(stored!.attempts, 1);
    });

    test('a server that is down, then refuses, then accepts: retried with backoff, delivered once, nothing lost', async () => {
      const id = await enqueueEmail(store.db, email, clock.now());
      assert.deepEqual(await deliverDueMail(sender(DEAD_SMTP_URL)), { sent: 0, retried: 1, failed: 0 });
      let stored = await getEmail(store.db, id);
      assert.equal(stored!.status, 'pending');
      assert.equal(stored!.nextAttemptAt, clock.now() + 30_000);
      assert.match(stored!.lastError!, /ECONNREFUSED/);

      // Not due yet: nothing is attempted before the backoff has passed.
      assert.deepEqual(await deliverDueMail(sender(smtp.url)), { sent: 0, retried: 0, failed: 0 });

      smtp.refuse = 'temporarily';
      clock.set(clock.now() + 30_000);
      assert.deepEqual(await deliverDueMail(sender(smtp.url)), { sent: 0, retried: 1, failed: 0 });
      stored = await getEmail(store.db, id);
      assert.equal(stored!.attempts, 2);
      assert.equal(stored!.nextAttemptAt, clock.now() + 60_000);

      smtp.refuse = 'no';
      clock.set(clock.now() + 60_000);
      // A new sender, as after a restart: the outbox row is all the state there is.
      assert.deepEqual(await deliverDueMail(sender(smtp.url)), { sent: 1, retried: 0, failed: 0 });
      assert.equal(smtp.received.length, 1);
      stored = await getEmail(store.db, id);
      assert.equal(stored!.status, 'sent');
      assert.equal(stored!.attempts, 3);
    });

    test('a permanent refusal (5xx) fails at once and is kept; so does an email out of attempts', async () => {
      const a = await enqueueEmail(store.db, email, clock.now());
      smtp.refuse = 'permanently';
      assert.deepEqual(await deliverDueMail(sender(smtp.url)), { sent: 0, retried: 0, failed: 1 });
      const failed = await getEmail(store.db, a);
      assert.equal(failed!.status, 'failed');
      assert.match(failed!.lastError!, /no such mailbox/);

      const b = await enqueueEmail(store.db, email, clock.now());
      assert.deepEqual(await deliverDueMail(sender(DEAD_SMTP_URL, { maxAttempts: 2 })), { sent: 0, retried: 1, failed: 0 });
      clock.set(clock.now() + 30_000);
      assert.deepEqual(await deliverDueMail(sender(DEAD_SMTP_URL, { maxAttempts: 2 })), { sent: 0, retried: 0, failed: 1 });
      assert.equal((await getEmail(store.db, b))!.status, 'failed');
    });

    test('a sender that dies after claiming: the claim expires and another sender delivers', async () => {
      const { claimDueEmails } = await import('../../src/storage/outbox.js');
      const id = await enqueueEmail(store.db, email, clock.now());
      const claimed = await claimDueEmails(store, clock.now(), 10, 120_000);
      assert.deepEqual(claimed.map((e) => e.id), [id]);
      assert.deepEqual(await deliverDueMail(sender(smtp.url)), { sent: 0, retried: 0, failed: 0 }, 'still claimed');
      clock.set(clock.now() + 120_000);
      assert.deepEqual(await deliverDueMail(sender(smtp.url)), { sent: 1, retried: 0, failed: 0 });
    });
  });
}
