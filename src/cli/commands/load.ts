import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { readJsonFile } from '../io.js';
import { loadSetup } from '../../domains/setup-document.js';

export function registerLoad(program: Command, ctx: CliContext): void {
  program
    .command('load')
    .argument('<file>', 'a setup document: { users, lists, lookups, rules, issues } (all optional); - for standard input')
    .description('load users, lookup lists, distribution lists, rules and issues in one transaction')
    .action(async (file: string) => {
      const input = readJsonFile(file);
      await withApp(ctx, async (app) => {
        const s = await loadSetup(app.helpDesk, input, file);
        ctx.io.out(`Loaded ${s.users} users, ${s.lists} lists, ${s.lookups} lookup lists, ${s.rules} rules, ${s.issues} issues.\n`);
      });
    });
}
