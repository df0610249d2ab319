import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';
import type { DialectAdapter, DialectName } from './dialects/dialect-adapter.js';
import { sqliteAdapter } from './dialects/sqlite.js';
import { postgresAdapter } from './dialects/postgres.js';
import { migrateToLatest } from './migrate.js';
import { bindValues, compileRead, type CompiledRead, type PreparedRead } from './prepared-read.js';

export type Executor = Kysely<Database> | Transaction<Database>;

/** An open database plus what the rest of storage needs to know about its dialect. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly supportsRowLocks: boolean;
  readonly adapter: DialectAdapter;
  /** Runs a prepared read (prepared-read.ts): committed data only, never inside a transaction. */
  read<P extends readonly unknown[], R>(query: PreparedRead<P, R>, ...params: P): Promise<R[]>;
  /**
   * A number that changes whenever anything commits to the database, from any connection or
   * process; while it stays the same, nothing stored has changed. Undefined where the dialect
   * cannot tell that cheaply (PostgreSQL, SQLite in memory).
   */
  dataVersion(): number | undefined;
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
  const opened = await adapter.open();
  const { db } = opened;
  const compiled = new Map<object, CompiledRead>();
  const store: Store = {
    db,
    dialect: adapter.name,
    supportsRowLocks: adapter.supportsRowLocks,
    adapter,
    async read(query, ...params) {
      let read = compiled.get(query);
      if (!read) {
        read = compileRead(db, query as PreparedRead<readonly unknown[], unknown>);
        compiled.set(query, read);
      }
      return (await opened.runPreparedRead(read, bindValues(read, params))) as never;
    },
    dataVersion: () => opened.dataVersion(),
    close: () => opened.close(),
  };
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store);
    } catch (error) {
      await opened.close();
      throw error;
    }
  }
  return store;
}

/** Runs `work` in one transaction: all of it lands or none of it. */
export function inTransaction<T>(store: Store, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(work);
}
