import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { executeRun } from '../../engine/run.js';
import { deliverDueMail } from '../../mail/sender.js';
import { iso, parseInstant } from '../../time.js';
import { InputError } from '../../errors.js';

export function registerRun(program: Command, ctx: CliContext): void {
  program
    .command('run')
    .description('run the escalations task once, now, and deliver the mail it queued')
    .option('--at <instant>', 'evaluate as of this ISO 8601 instant instead of now (it must not be in the future)')
    .action(async (options: { at?: string }) => {
      await withApp(ctx, async (app) => {
        const at = options.at === undefined ? undefined : parseInstant(options.at, '--at', app.helpDesk.timeZone);
        if (at !== undefined && at > app.clock.now()) throw new InputError({ field: '--at', reason: 'must not be in the future' });
        const outcome = await executeRun(app.engine, { at, trigger: 'manual' });
        if ('skipped' in outcome) {
          ctx.io.err('escalator: another run is in progress; try again when it has finished\n');
          process.exitCode = 1;
          return;
        }
        const mail = await deliverDueMail(app.mail);
        ctx.io.out(
          `Run ${outcome.runId} at ${iso(outcome.at)}: ${outcome.issuesChecked} due, ${outcome.escalations} escalations, ` +
            `${outcome.reminders} reminders in ${outcome.durationMs} ms; mail: ${mail.sent} sent, ${mail.retried} to retry, ${mail.failed} failed` +
            `${outcome.error ? `; error: ${outcome.error}` : ''}\n`,
        );
        if (outcome.status === 'failed') process.exitCode = 1;
      });
    });
}
