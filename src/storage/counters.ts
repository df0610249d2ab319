import type { Executor } from './store.js';

/** Next value of a named counter (1, 2, …); atomic on both dialects via a single upsert. */
export async function nextCounterValue(db: Executor, name: string): Promise<number> {
  const row = await db
    .insertInto('counters')
    .values({ name, value: 1 })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value')
    .executeTakeFirstOrThrow();
  return row.value;
}

/** Makes sure the counter is at least `floor`, so generated ids never collide with imported ones. */
export async function raiseCounter(db: Executor, name: string, floor: number): Promise<void> {
  await db
    .insertInto('counters')
    .values({ name, value: floor })
    .onConflict((oc) =>
      oc.column('name').doUpdateSet((eb) => ({
        value: eb.case().when('counters.value', '<', floor).then(floor).else(eb.ref('counters.value')).end(),
      })),
    )
    .execute();
}
