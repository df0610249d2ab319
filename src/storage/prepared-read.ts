/**
 * Reads on the hottest paths (an API client polling one issue, thousands of times a minute) are
 * compiled once and then run without Kysely's per-query work. Measured on the 2-core bench
 * machine, under HTTP load: a point read through the query builder costs ~20 µs of server time
 * (build, compile, connection mutex, a dozen promises), the same statement prepared and run
 * directly ~4.5 µs. That difference alone is a quarter of the request budget at half the bare-
 * Fastify ceiling (bench/api).
 *
 * The SQL still comes from Kysely's compiler for the store's dialect: the query is built once with
 * placeholder objects where the parameters go, compiled, and the placeholders' positions are
 * remembered. Each dialect runs the result its own way (dialects/*.ts, `runPreparedRead`):
 * SQLite on a read-only connection of its own, PostgreSQL as a named prepared statement.
 *
 * Only committed data is visible, on every dialect: the read never joins a transaction that is
 * open elsewhere in the process (a run holding the writer connection, for instance).
 */
import type { Compilable, Kysely } from 'kysely';
import type { Database } from './schema.js';

/** A placeholder stands in for the i-th parameter while the query is built; it is never sent. */
class Placeholder {
  constructor(readonly index: number) {}
}

export interface PreparedRead<P extends readonly unknown[], R> {
  /** Unique per query: PostgreSQL keeps the plan per connection under this name. */
  readonly name: string;
  readonly arity: number;
  build(db: Kysely<Database>, ...params: P): Compilable<R>;
}

export interface CompiledRead {
  readonly name: string;
  readonly sql: string;
  /** For each bound value: a parameter's index, or a constant the builder inlined as a value. */
  readonly values: readonly ({ param: number } | { constant: unknown })[];
  /** The bound values are exactly the parameters, in order: they are passed as they are. */
  readonly direct: boolean;
}

const names = new Set<string>();

/**
 * Declares a read. `build` receives one placeholder per parameter, typed as the parameter, and
 * may use it anywhere a value goes (`where('id', '=', id)`); it must not inspect it.
 */
export function preparedRead<P extends readonly unknown[], R>(name: string, arity: P['length'], build: (db: Kysely<Database>, ...params: P) => Compilable<R>): PreparedRead<P, R> {
  if (names.has(name)) throw new Error(`prepared read ${name} is declared twice`);
  names.add(name);
  return { name, arity, build };
}

export function compileRead(db: Kysely<Database>, read: PreparedRead<readonly unknown[], unknown>): CompiledRead {
  const { arity } = read;
  const placeholders = Array.from({ length: arity }, (_, i) => new Placeholder(i));
  const compiled = read.build(db, ...placeholders).compile();
  const values = compiled.parameters.map((value) => (value instanceof Placeholder ? { param: value.index } : { constant: value }));
  const used = new Set(values.flatMap((v) => ('param' in v ? [v.param] : [])));
  if (used.size !== arity) throw new Error(`prepared read ${read.name} does not use all of its ${arity} parameters`);
  const direct = values.length === arity && values.every((v, i) => 'param' in v && v.param === i);
  return { name: read.name, sql: compiled.sql, values, direct };
}

export function bindValues(compiled: CompiledRead, params: readonly unknown[]): readonly unknown[] {
  return compiled.direct ? params : compiled.values.map((v) => ('param' in v ? params[v.param] : v.constant));
}
