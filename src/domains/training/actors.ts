import type { Executor } from '../../storage/store.js';
import { getUser } from '../../storage/users.js';
import { InputError } from '../../errors.js';
import type { Actor } from './permissions.js';

/** Resolves the user named by `--as` (or the API's signed-in user); undefined acts as the system. */
export async function resolveActor(db: Executor, userId: string | undefined, field = '--as'): Promise<Actor> {
  if (userId === undefined) return 'system';
  const user = await getUser(db, userId);
  if (!user) throw new InputError({ field, reason: `unknown user ${JSON.stringify(userId)}` });
  return user;
}
