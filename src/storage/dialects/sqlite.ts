import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  Kysely,
  SqliteAdapter,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type DialectAdapter as KyselyDialectAdapter,
  type Driver,
  type SqliteDialectConfig,
} from 'kysely';
import type { Database } from '../schema.js';
import type { DialectAdapter, OpenDatabase } from './dialect-adapter.js';
import type { CompiledRead } from '../prepared-read.js';

/**
 * `begin immediate` takes the write lock up front. A plain (deferred) `begin` that later writes
 * can fail with SQLITE_BUSY without waiting when another process (a CLI run beside `serve`)
 * committed in between; an immediate transaction waits out busy_timeout instead.
 */
class ImmediateTransactionDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

/** SQLite runs DDL inside transactions; saying so makes Kysely's Migrator wrap each migration. */
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

class EscalatorSqliteDialect extends SqliteDialect {
  constructor(private readonly settings: SqliteDialectConfig) {
    super(settings);
  }
  override createDriver(): Driver {
    return new ImmediateTransactionDriver(this.settings);
  }
  override createAdapter(): KyselyDialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

/**
 * Kysely prepares every query anew; better-sqlite3 statements are reusable, and preparing one
 * costs about as much as running a point query. Our queries are a small fixed set of shapes, so a
 * bounded cache by SQL text removes that cost from every request (bench/api).
 */
function withStatementCache(database: SqliteDatabase.Database, limit = 500): SqliteDialectConfig['database'] {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => void database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= limit) statements.delete(statements.keys().next().value!);
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  } as SqliteDialectConfig['database'];
}

/**
 * Prepared reads (prepared-read.ts) on a file run on a second, read-only connection. Kysely has one
 * connection and holds it for the whole of a transaction, so a run's open transaction would make
 * every API read wait for it; and a read made on that connection directly, outside Kysely, would
 * see the run's uncommitted writes. In WAL mode the second connection reads the last committed
 * state without waiting for the writer. An in-memory database is private to its connection, so
 * there the read goes through Kysely, which orders it after any open transaction.
 */
function preparedReads(location: string, db: Kysely<Database>) {
  let reader: SqliteDatabase.Database | undefined;
  let dataVersion: SqliteDatabase.Statement | undefined;
  const statements = new Map<string, SqliteDatabase.Statement>();
  const open = (): SqliteDatabase.Database => {
    if (!reader) {
      reader = new SqliteDatabase(location, { readonly: true, fileMustExist: true });
      reader.pragma('busy_timeout = 10000');
    }
    return reader;
  };
  const run = async (read: CompiledRead, values: readonly unknown[]): Promise<unknown[]> => {
    if (location === ':memory:') return (await db.executeQuery(CompiledQuery.raw(read.sql, [...values]))).rows;
    let statement = statements.get(read.name);
    if (!statement) {
      statement = open().prepare(read.sql);
      statements.set(read.name, statement);
    }
    return statement.all(...values);
  };
  // `pragma data_version` moves whenever another connection commits; the reader never writes, so
  // for it every commit is another connection's: this process's writer, a CLI, anything.
  const version = (): number | undefined => {
    if (location === ':memory:') return undefined;
    dataVersion ??= open().prepare('pragma data_version').pluck();
    return dataVersion.get() as number;
  };
  return { run, version, close: () => reader?.close() };
}

/** `location` is a file path, or `:memory:` for the simulator and tests. */
export function sqliteAdapter(location: string): DialectAdapter {
  return {
    name: 'sqlite',
    instantType: 'integer',
    serialType: 'integer',
    supportsRowLocks: false,
    async open(): Promise<OpenDatabase> {
      if (location !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(location)), { recursive: true });
      const database = new SqliteDatabase(location);
      database.pragma('journal_mode = WAL');
      database.pragma('foreign_keys = ON');
      database.pragma('busy_timeout = 10000');
      database.pragma('synchronous = NORMAL');
      const db = new Kysely<Database>({ dialect: new EscalatorSqliteDialect({ database: withStatementCache(database) }) });
      const reads = preparedReads(location, db);
      return {
        db,
        runPreparedRead: reads.run,
        dataVersion: reads.version,
        async close() {
          reads.close();
          await db.destroy();
          // Kysely closes the database only if it ever ran a query; a store used for prepared reads alone has not.
          if (database.open) database.close();
        },
      };
    },
  };
}
