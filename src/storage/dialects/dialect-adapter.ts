/**
 * Everything that differs between SQLite and PostgreSQL sits behind this interface, with one file
 * per dialect. Code outside src/storage/ never branches on the dialect.
 */
import type { ColumnDataType, Kysely } from 'kysely';
import type { Database } from '../schema.js';
import type { CompiledRead } from '../prepared-read.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DialectAdapter {
  readonly name: DialectName;
  /** Column type for epoch-ms instants: int8 on PostgreSQL; SQLite integers are 64-bit already. */
  readonly instantType: ColumnDataType;
  /** Column type for auto-numbered ids (`integer primary key` is SQLite's rowid alias). */
  readonly serialType: ColumnDataType;
  /** Row locks exist on PostgreSQL only; SQLite serialises writers with `begin immediate`. */
  readonly supportsRowLocks: boolean;
  open(): Promise<OpenDatabase>;
}

export interface OpenDatabase {
  readonly db: Kysely<Database>;
  /** Runs a compiled read on committed data only, outside any transaction in progress (prepared-read.ts). */
  runPreparedRead(read: CompiledRead, values: readonly unknown[]): Promise<unknown[]>;
  /** See Store.dataVersion. */
  dataVersion(): number | undefined;
  close(): Promise<void>;
}
