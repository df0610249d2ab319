import type { Command } from 'commander';
import { withApp, type CliContext } from '../context.js';
import { table } from '../io.js';
import { createAdmin } from '../../domains/accounts/bootstrap.js';
import { setPassword } from '../../domains/accounts/sign-in.js';
import { listUsers } from '../../storage/users.js';
import { randomBytes } from 'node:crypto';

export function registerUsers(program: Command, ctx: CliContext): void {
  const users = program.command('users').description('people and their sign-in');

  users
    .command('list')
    .description('list users')
    .action(async () =>
      withApp(ctx, async (app) => {
        const all = await listUsers(app.store.db);
        ctx.io.out(table(['ID', 'NAME', 'EMAIL', 'ROLE', 'TRAINING ROLE', 'ACTIVE'], all.map((u) => [u.id, u.name, u.email ?? '-', u.role, u.trainingRole ?? '-', u.active ? 'yes' : 'no'])));
      }),
    );

  users
    .command('create-admin')
    .requiredOption('--email <email>')
    .option('--name <name>', 'display name', 'Administrator')
    .option('--id <id>', 'user id (default: the part of the email before @)')
    .description('create (or promote) an administrator; the password comes from ESCALATOR_ADMIN_PASSWORD, or is generated and printed once')
    .action(async (options: { email: string; name: string; id?: string }) =>
      withApp(ctx, async (app) => {
        const admin = await createAdmin(app.helpDesk, { email: options.email, name: options.name, id: options.id, password: ctx.env.ESCALATOR_ADMIN_PASSWORD || undefined });
        ctx.io.out(`Admin ${JSON.stringify(admin.id)} (${admin.email}) can sign in${admin.generated ? ` with password: ${admin.password}` : ' with the password from ESCALATOR_ADMIN_PASSWORD'}\n`);
      }),
    );

  users
    .command('set-password')
    .argument('<id>')
    .description('set a user’s password from ESCALATOR_PASSWORD, or generate one and print it once')
    .action(async (id: string) =>
      withApp(ctx, async (app) => {
        const password = ctx.env.ESCALATOR_PASSWORD || randomBytes(12).toString('base64url');
        await setPassword(app.helpDesk, 'system', id, password);
        ctx.io.out(ctx.env.ESCALATOR_PASSWORD ? `Password of ${JSON.stringify(id)} set.\n` : `Password of ${JSON.stringify(id)}: ${password}\n`);
      }),
    );
}
