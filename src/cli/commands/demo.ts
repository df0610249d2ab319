import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { loadParsedSetup, setupDocumentSchema } from '../../domains/setup-document.js';
import { demoSetup } from '../../demo/demo-setup.js';
import { findEnrollment } from '../../storage/enrollments.js';

export function registerDemo(program: Command, ctx: CliContext): void {
  program
    .command('demo')
    .description('load demo users, lists, lookups, issues, the seed’s rules A, B, X and Y, and a training course (safe to repeat)')
    .action(async () =>
      withApp(ctx, async (app) => {
        const setup = setupDocumentSchema.parse(demoSetup(app.clock.now()));
        // The enrollment is made once; loading the demo again leaves it (and its reminders) alone.
        const enrolled = await findEnrollment(app.store, app.store.db, 'ana', 'safety');
        const s = await loadParsedSetup(app.helpDesk, { ...setup, enrollments: enrolled ? [] : [{ learner: 'ana', course: 'safety', assignedAt: new Date(app.clock.now() - 12 * 86_400_000).toISOString() }] }, 'demo', { skipExistingIssues: true });
        ctx.io.out(
          `Demo loaded: ${s.users} users, ${s.lists} list, ${s.rules} rules, ${s.issues} new issues, ${s.courses} course, ${s.enrollments} new enrollment.\n` +
            'Try: escalator rules list; escalator run; escalator mail list; escalator issues show 12345; escalator training preview safety\n',
        );
      }),
    );
}
