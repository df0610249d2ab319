import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { loadParsedSetup, setupDocumentSchema } from '../../domains/setup-document.js';
import { demoSetup } from '../../demo/demo-setup.js';

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('load demo users, lists, lookups, issues and the seed’s rules A, B, X and Y (safe to repeat)')
    .action(async () =>
      withApp(ctx, async (app) => {
        const setup = setupDocumentSchema.parse(demoSetup(app.clock.now()));
        const s = await loadParsedSetup(app.helpDesk, setup, 'demo', { skipExistingIssues: true });
        ctx.io.out(
          `Demo loaded: ${s.users} users, ${s.lists} list, ${s.rules} rules, ${s.issues} new issues.\n` +
            'Try: escalator rules list; escalator run; escalator mail list; escalator issues show 12345\n',
        );
      }),
    );
}
