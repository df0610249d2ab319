import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { table } from '../io.js';
import { getEmail, listEmails, type OutboxStatus } from '../../storage/outbox.js';
import { deliverDueMail } from '../../mail/sender.js';
import { InputError, NotFoundError } from '../../errors.js';
import { iso } from '../../time.js';

const STATUSES = ['pending', 'sent', 'failed'];

export function registerMail(program: Command, ctx: CliContext): void {
  const mail = program.command('mail').description('the outbox: every email queued, sent or failed (the local mailbox when SMTP_URL is unset)');

  mail
    .command('list')
    .option('--status <status>', 'pending, sent or failed')
    .option('--limit <n>', 'at most this many, newest first', '50')
    .description('list emails, newest first')
    .action(async (options: { status?: string; limit: string }) => {
      if (options.status !== undefined && !STATUSES.includes(options.status)) throw new InputError({ field: '--status', reason: `must be one of ${STATUSES.join(', ')}` });
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new InputError({ field: '--limit', reason: 'must be a whole number of 1 or more' });
      await withApp(ctx, async (app) => {
        const emails = await listEmails(app.store.db, { status: options.status as OutboxStatus | undefined, limit });
        ctx.io.out(
          table(
            ['ID', 'STATUS', 'CREATED', 'TO', 'CC', 'SUBJECT'],
            emails.map((e) => [String(e.id), e.status === 'sent' && e.transport === 'mailbox' ? 'mailbox' : e.status, iso(e.createdAt), e.to.join(', '), e.cc.join(', ') || '-', e.subject]),
          ),
        );
      });
    });

  mail
    .command('show')
    .argument('<id>')
    .description('print one email with its delivery state')
    .action(async (idText: string) => {
      const id = Number(idText);
      if (!Number.isInteger(id) || id < 1) throw new InputError({ field: 'ID', reason: `${JSON.stringify(idText)} is not an email id` });
      await withApp(ctx, async (app) => {
        const e = await getEmail(app.store.db, id);
        if (!e) throw new NotFoundError('email', idText);
        const headers = [
          `Email ${e.id} (${e.kind})`,
          `Status: ${e.status}${e.transport ? ` via ${e.transport}` : ''}, ${e.attempts} attempt${e.attempts === 1 ? '' : 's'}${e.sentAt ? `, sent ${iso(e.sentAt)}` : ''}`,
          ...(e.lastError ? [`Last error: ${e.lastError}`] : []),
          `Created: ${iso(e.createdAt)}`,
          `To: ${e.to.join(', ')}`,
          ...(e.cc.length > 0 ? [`Cc: ${e.cc.join(', ')}`] : []),
          `Subject: ${e.subject}`,
        ];
        ctx.io.out(`${headers.join('\n')}\n\n${e.body}`);
      });
    });

  mail
    .command('send')
    .description('deliver every due email now (serve does this continuously)')
    .action(async () =>
      withApp(ctx, async (app) => {
        const result = await deliverDueMail(app.mail);
        ctx.io.out(`${result.sent} sent, ${result.retried} to retry, ${result.failed} failed\n`);
      }),
    );
}
