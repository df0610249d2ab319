/** Shared by the benches: scratch stores and the printed table. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../src/storage/store.js';

const pgAdmin = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh store: a SQLite file under the temp folder, or a re-created PostgreSQL database. */
export async function scratchStore(dialect: string, pgDatabase: string): Promise<{ store: Store; cleanup: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalator-bench-'));
    const store = await openStore(`sqlite:${path.join(dir, 'bench.db')}`);
    return { store, cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new pg.Client({ connectionString: pgAdmin });
  await admin.connect();
  await admin.query(`drop database if exists ${pgDatabase} with (force)`);
  await admin.query(`create database ${pgDatabase}`);
  await admin.end();
  const url = new URL(pgAdmin);
  url.pathname = `/${pgDatabase}`;
  const store = await openStore(url.toString());
  return {
    store,
    cleanup: async () => {
      const client = new pg.Client({ connectionString: pgAdmin });
      await client.connect();
      await client.query(`drop database if exists ${pgDatabase} with (force)`);
      await client.end();
    },
  };
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function printTable(header: string[], rows: string[][]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
