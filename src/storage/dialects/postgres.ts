import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../schema.js';
import type { DialectAdapter, OpenDatabase } from './dialect-adapter.js';

// int8 columns (our instants) and count(*) arrive as strings by default. Epoch milliseconds stay
// far below 2^53, so plain numbers are exact.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);

export function postgresAdapter(connectionString: string, poolSize = 10): DialectAdapter {
  return {
    name: 'postgres',
    instantType: 'bigint',
    serialType: 'serial',
    supportsRowLocks: true,
    async open(): Promise<OpenDatabase> {
      const pool = new pg.Pool({ connectionString, max: poolSize });
      const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
      return {
        db,
        // A named statement is parsed and planned once per pooled connection. pool.query takes an
        // idle connection, never one a transaction holds, so only committed rows are seen.
        runPreparedRead: async (read, values) => (await pool.query({ name: `escalator_${read.name}`, text: read.sql, values: [...values] })).rows,
        // No cheap way to learn that nothing committed: callers read what they need instead.
        dataVersion: () => undefined,
        async close() {
          await db.destroy();
          // Kysely ends the pool only if it ever ran a query; a store used for prepared reads alone has not.
          if (!pool.ended) await pool.end();
        },
      };
    },
  };
}
