import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { loadConfig } from '../../config.js';
import { openApp } from '../../app.js';
import { startScheduler } from '../../engine/scheduler.js';
import { startMailWorker } from '../../mail/mail-worker.js';
import { buildServer } from '../../http/server.js';
import { createAdmin, needsFirstAdmin } from '../../domains/accounts/bootstrap.js';

export function registerServe(program: Command, ctx: CliContext): void {
  program
    .command('serve')
    .description('migrate the database, then run the scheduler, the mail sender and the HTTP server')
    .action(async () => {
      const config = loadConfig(ctx.env);
      const app = await openApp(config);
      // First start: an admin from ESCALATOR_ADMIN_EMAIL / ESCALATOR_ADMIN_PASSWORD, if none can sign in yet.
      if (ctx.env.ESCALATOR_ADMIN_EMAIL && (await needsFirstAdmin(app.helpDesk))) {
        const admin = await createAdmin(app.helpDesk, { email: ctx.env.ESCALATOR_ADMIN_EMAIL, password: ctx.env.ESCALATOR_ADMIN_PASSWORD || undefined });
        ctx.io.out(`Created admin ${JSON.stringify(admin.id)} (${admin.email})${admin.generated ? ` with password: ${admin.password}` : ''}\n`);
      }
      const mail = startMailWorker(app.mail, config.MAIL_POLL_SECONDS * 1000);
      app.afterRun = () => mail.poke();
      const scheduler = startScheduler(app.engine, config.ESCALATION_TASK_RATE_SECONDS * 1000, () => mail.poke());
      const server = buildServer(app, { nextRunAt: () => scheduler.nextRunAt });
      const address = await server.listen({ host: config.HOST, port: config.PORT });
      ctx.io.out(
        `Escalator listening on ${address} (${app.store.dialect}); escalations run every ${config.ESCALATION_TASK_RATE_SECONDS} s; ` +
          `mail ${config.SMTP_URL ? 'goes over SMTP' : 'stays in the local mailbox (escalator mail list)'}\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await server.close();
      await scheduler.stop();
      await mail.stop();
      await app.close();
    });
}
