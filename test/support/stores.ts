/**
 * Every storage and engine test runs on SQLite and on PostgreSQL. SQLite stores are in memory;
 * each PostgreSQL store is a fresh database cloned from a template migrated once per migration
 * set (the clone takes ~30 ms, migrating from scratch several times that).
 *
 * ESCALATOR_TEST_DIALECTS=sqlite narrows the run (e.g. on a laptop without PostgreSQL);
 * CI runs both. ESCALATOR_TEST_PG names the server (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../../src/storage/store.js';

export type TestDialect = 'sqlite' | 'postgres';

export const TEST_DIALECTS: TestDialect[] = (process.env.ESCALATOR_TEST_DIALECTS ?? 'sqlite,postgres')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is TestDialect => d === 'sqlite' || d === 'postgres');

const adminUrl = process.env.ESCALATOR_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function urlFor(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function migrationsHash(): string {
  const dir = path.resolve(import.meta.dirname, '../../src/storage/migrations');
  const hash = crypto.createHash('sha256');
  for (const file of fs.readdirSync(dir).sort()) hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  hash.update(fs.readFileSync(path.resolve(dir, '../migrate.ts')));
  return hash.digest('hex').slice(0, 12);
}

let templateReady: Promise<string> | undefined;

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates (once, under an advisory lock shared by all test processes) the migrated template. */
function ensureTemplate(): Promise<string> {
  templateReady ??= (async () => {
    const name = `escalator_tmpl_${migrationsHash()}`;
    await withAdmin(async (client) => {
      await client.query('select pg_advisory_lock(724311)');
      try {
        const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount === 0) {
          const stale = await client.query("select datname from pg_database where datname like 'escalator_tmpl_%'");
          for (const row of stale.rows as { datname: string }[]) await client.query(`drop database if exists "${row.datname}" with (force)`);
          await client.query(`create database "${name}"`);
          const store = await openStore(urlFor(name));
          await store.close();
        }
      } finally {
        await client.query('select pg_advisory_unlock(724311)');
      }
    });
    return name;
  })();
  return templateReady;
}

export interface TestStore extends Store {
  /** Opens another connection pool to the same database (a second process, in effect). */
  reopen(): Promise<Store>;
}

export async function openTestStore(dialect: TestDialect): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const store = await openStore(':memory:');
    return { ...store, reopen: () => Promise.reject(new Error('an in-memory SQLite store cannot be reopened')) };
  }
  const template = await ensureTemplate();
  const name = `escalator_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    // Cloning needs the template to have no other sessions; the lock serialises concurrent clones.
    await client.query('select pg_advisory_lock(724312)');
    try {
      await client.query(`create database "${name}" template "${template}"`);
    } finally {
      await client.query('select pg_advisory_unlock(724312)');
    }
  });
  const store = await openStore(urlFor(name), { migrate: false });
  return {
    ...store,
    reopen: () => openStore(urlFor(name), { migrate: false }),
    async close() {
      await store.close();
      await withAdmin(async (client) => {
        // pg-pool's end() resolves once it has *asked* its connections to close, not once they are
        // gone; dropping "with (force)" in that gap kills a closing connection, whose error then
        // surfaces in whatever test runs next. Wait (briefly) for the sessions to leave first.
        for (let i = 0; i < 100; i++) {
          const left = await client.query('select 1 from pg_stat_activity where datname = $1', [name]);
          if (left.rowCount === 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await client.query(`drop database if exists "${name}" with (force)`);
      });
    },
  };
}

/** Opens a SQLite file store (for tests that need two connections, like two processes). */
export async function openSqliteFileStore(): Promise<{ store: Store; file: string; reopen: () => Promise<Store>; cleanup: () => void }> {
  const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'escalator-test-'));
  const file = path.join(dir, 'test.db');
  const store = await openStore(`sqlite:${file}`);
  return { store, file, reopen: () => openStore(`sqlite:${file}`, { migrate: false }), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
