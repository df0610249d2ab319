import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { DialectAdapter, DialectName } from './dialects/dialect-adapter.js';
import { sqliteAdapter } from './dialects/sqlite.js';
import { postgresAdapter } from './dialects/postgres.js';
import { migrateToLatest } from './migrate.js';

export type Executor = Kysely<Database> | Transaction<Database>;

/** An open database plus what the rest of storage needs to know about its dialect. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly supportsRowLocks: boolean;
  readonly adapter: DialectAdapter;
  close(): Promise<void>;
}

export function adapterFor(url: string): DialectAdapter {
  if (/^postgres(ql)?:\/\//.test(url)) return postgresAdapter(url);
  if (url === ':memory:' || url === 'sqlite::memory:') return sqliteAdapter(':memory:');
  const location = url.replace(/^sqlite:(\/\/)?/, '').replace(/^file:/, '');
  return sqliteAdapter(location);
}

/** Opens the database at `url` (a postgres:// URL, `sqlite:PATH`, a path, or `:memory:`) and migrates it. */
export async function openStore(url: string, options: { migrate?: boolean } = {}): Promise<Store> {
  const adapter = adapterFor(url);
  const db = await adapter.open();
  const store: Store = {
    db,
    dialect: adapter.name,
    supportsRowLocks: adapter.supportsRowLocks,
    adapter,
    close: () => db.destroy(),
  };
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store);
    } catch (error) {
      await db.destroy();
      throw error;
    }
  }
  return store;
}

/** Runs `work` in one transaction: all of it lands or none of it. */
export function inTransaction<T>(store: Store, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(work);
}
