import { Migrator, type ColumnDataType, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Store } from './store.js';
import * as helpDesk from './migrations/001-help-desk.js';
import * as training from './migrations/002-training.js';
import * as accounts from './migrations/003-accounts-webhooks.js';

/** What a migration may need to know of its dialect: one migration list, dialect branches inside. */
export interface MigrationContext {
  instant: ColumnDataType;
  serial: ColumnDataType;
}

type NumberedMigration = {
  up(db: Kysely<unknown>, context: MigrationContext): Promise<void>;
};

/** Numbered, append-only. Never edit one that has shipped: add the next. */
const migrations: Record<string, NumberedMigration> = {
  '001-help-desk': helpDesk,
  '002-training': training,
  '003-accounts-webhooks': accounts,
};

class ListProvider implements MigrationProvider {
  constructor(private readonly context: MigrationContext) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const bound: Record<string, Migration> = {};
    for (const [name, migration] of Object.entries(migrations)) {
      bound[name] = { up: (db) => migration.up(db, this.context) };
    }
    return bound;
  }
}

/**
 * Brings the schema up to date. On PostgreSQL Kysely holds an advisory lock, so several processes
 * starting at once migrate once; on SQLite each migration runs in a transaction.
 */
export async function migrateToLatest(store: Store): Promise<void> {
  const context: MigrationContext = { instant: store.adapter.instantType, serial: store.adapter.serialType };
  const migrator = new Migrator({ db: store.db, provider: new ListProvider(context) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
}
