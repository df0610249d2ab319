import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { loadParsedSetup, setupDocumentSchema } from '../../domains/setup-document.js';
import { demoSetup } from '../../demo/demo-setup.js';
import { findEnrollment } from '../../storage/enrollments.js';
import { inTransaction } from '../../storage/store.js';
import { setPasswordHash } from '../../storage/accounts.js';
import { hashPassword } from '../../domains/accounts/passwords.js';

export const DEMO_PASSWORD = 'escalator-demo';

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
        // Every demo account signs in with the same, printed password (a demo, not a deployment).
        await inTransaction(app.store, async (trx) => {
          const hash = await hashPassword(DEMO_PASSWORD);
          for (const user of setup.users) await setPasswordHash(trx, user.id, hash);
        });
        ctx.io.out(
          `Demo loaded: ${s.users} users, ${s.lists} list, ${s.rules} rules, ${s.issues} new issues, ${s.courses} course, ${s.enrollments} new enrollment.\n` +
            'Try: escalator rules list; escalator run; escalator mail list; escalator issues show 12345; escalator training preview safety\n' +
            `Sign-in (POST /api/v1/auth/sign-in), password "${DEMO_PASSWORD}" for every demo account:\n` +
            setup.users.map((u) => `  ${(u.email ?? '').padEnd(22)} ${u.role}${u.trainingRole ? `, ${u.trainingRole}` : ''}`).join('\n') +
            '\n',
        );
      }),
    );
}
