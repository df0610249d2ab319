import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from '../schema.js';
import type { DialectAdapter } from './dialect-adapter.js';

// int8 columns (our instants) and count(*) arrive as strings by default. Epoch milliseconds stay
// far below 2^53, so plain numbers are exact.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);

export function postgresAdapter(connectionString: string, poolSize = 10): DialectAdapter {
  return {
    name: 'postgres',
    instantType: 'bigint',
    serialType: 'serial',
    supportsRowLocks: true,
    async open() {
      const pool = new pg.Pool({ connectionString, max: poolSize });
      return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    },
  };
}
