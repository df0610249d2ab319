import type { Executor } from './store.js';
import { fromJson, toJson } from './codec.js';

/** A stored course. The document's shape belongs to the training domain, which validates it. */
export interface StoredCourse {
  id: string;
  title: string;
  document: Record<string, unknown>;
}

export async function upsertCourse(db: Executor, course: StoredCourse, at: number): Promise<void> {
  const row = { title: course.title, document: toJson(course.document), updated_at: at };
  await db
    .insertInto('courses')
    .values({ id: course.id, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function getStoredCourse(db: Executor, id: string): Promise<StoredCourse | undefined> {
  const row = await db.selectFrom('courses').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { id: row.id, title: row.title, document: fromJson(row.document, {}) };
}

export async function listStoredCourses(db: Executor, ids?: readonly string[]): Promise<StoredCourse[]> {
  if (ids && ids.length === 0) return [];
  const rows = await db
    .selectFrom('courses')
    .selectAll()
    .$if(ids !== undefined, (q) => q.where('id', 'in', [...new Set(ids)]))
    .orderBy('id')
    .execute();
  return rows.map((row) => ({ id: row.id, title: row.title, document: fromJson(row.document, {}) }));
}
