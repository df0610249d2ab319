import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { readJsonFile } from '../io.js';
import { loadSetup } from '../../domains/setup-document.js';
import { resolveActor } from '../../domains/training/actors.js';

const SIMULATOR_KEYS = ['start', 'until', 'taskRate', 'timeZone', 'events'];

export function registerLoad(program: Command, ctx: CliContext): void {
  program
    .command('load')
    .argument('<file>', 'a setup document: { users, lists, lookups, rules, issues, trainingRules, courses, enrollments } (all optional); - for standard input')
    .description('load users, lookup lists, distribution lists, rules, issues, training rules, courses and enrollments in one transaction')
    .option('--as <user>', 'check training permissions as this user (without it the load acts as the system)')
    .action(async (file: string, options: { as?: string }) => {
      const input = readJsonFile(file);
      // A simulator scenario loads as its setup: its time span and events belong to the simulator.
      const ignored = SIMULATOR_KEYS.filter((k) => input !== null && typeof input === 'object' && k in input);
      for (const key of ignored) delete (input as Record<string, unknown>)[key];
      await withApp(ctx, async (app) => {
        const actor = await resolveActor(app.store.db, options.as);
        const s = await loadSetup(app.helpDesk, input, file, { actor });
        ctx.io.out(
          `Loaded ${s.users} users, ${s.lists} lists, ${s.lookups} lookup lists, ${s.rules} rules, ${s.issues} issues, ` +
            `${s.trainingRules} training rules, ${s.courses} courses, ${s.enrollments} enrollments.` +
            `${ignored.length > 0 ? ` Ignored the simulator settings: ${ignored.join(', ')}.` : ''}\n`,
        );
      });
    });
}
