import type { Executor } from './store.js';

/**
 * A named lease in the database: the only way two processes (two `serve`s on PostgreSQL, or a CLI
 * `run` beside `serve` on SQLite) agree that one of them runs. A holder that dies simply lets the
 * lease expire. Both statements are single-row atomic writes, so no dialect-specific locking.
 */
export async function tryAcquireLease(db: Executor, name: string, holder: string, now: number, leaseMs: number): Promise<boolean> {
  await db
    .insertInto('locks')
    .values({ name, holder: null, expires_at: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const result = await db
    .updateTable('locks')
    .set({ holder, expires_at: now + leaseMs })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('holder', '=', holder), eb('holder', 'is', null)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Executor, name: string, holder: string): Promise<void> {
  await db.updateTable('locks').set({ holder: null, expires_at: 0 }).where('name', '=', name).where('holder', '=', holder).execute();
}
