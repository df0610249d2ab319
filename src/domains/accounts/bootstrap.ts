/** The first administrator, from the CLI or from environment variables on first start. */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { DomainContext } from '../context.js';
import { inTransaction } from '../../storage/store.js';
import { getUser, upsertUser } from '../../storage/users.js';
import { setPasswordHash } from '../../storage/accounts.js';
import { parseWith } from '../../validation.js';
import { hashPassword } from './passwords.js';
import { passwordSchema } from './sign-in.js';

const adminSchema = z
  .object({
    email: z.email({ message: 'not a valid email address' }),
    name: z.string().trim().min(1).default('Administrator'),
    id: z.string().trim().min(1).regex(/^[A-Za-z0-9._@-]+$/, 'ids may use letters, digits, ".", "_", "@" and "-"').optional(),
    password: passwordSchema.optional(),
  })
  .strict();

/**
 * Creates (or promotes) an admin — help-desk role admin, training role account owner — and sets
 * the password. Without a password, one is generated and returned so it can be shown once.
 */
export async function createAdmin(ctx: DomainContext, input: unknown): Promise<{ id: string; email: string; password: string; generated: boolean }> {
  const doc = parseWith(adminSchema, input);
  const id = doc.id ?? doc.email.split('@')[0]!.replace(/[^A-Za-z0-9._-]/g, '') ?? 'admin';
  const password = doc.password ?? randomBytes(12).toString('base64url');
  const hash = await hashPassword(password);
  await inTransaction(ctx.store, async (trx) => {
    const existing = await getUser(trx, id);
    await upsertUser(trx, {
      id,
      name: existing?.name ?? doc.name,
      email: doc.email,
      role: 'admin',
      active: true,
      trainingRole: 'account owner',
      manager: existing?.manager ?? null,
      timeZone: existing?.timeZone ?? null,
      profile: existing?.profile ?? {},
    });
    await setPasswordHash(trx, id, hash);
  });
  return { id, email: doc.email, password, generated: doc.password === undefined };
}

/** True when no admin can sign in yet (the env-variable bootstrap then applies). */
export async function needsFirstAdmin(ctx: DomainContext): Promise<boolean> {
  const rows = await ctx.store.db.selectFrom('users').select('id').where('role', '=', 'admin').where('password_hash', 'is not', null).limit(1).execute();

  return rows.length === 0;
}
