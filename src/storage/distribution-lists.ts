import type { Executor } from './store.js';
import { fromFlag, toFlag } from './codec.js';

export interface ListMember {
  /** A user id, or absent for a bare address. */
  user?: string;
  email?: string;
  notifyOnEscalate: boolean;
}

export interface DistributionList {
  id: string;
  name: string;
  members: ListMember[];
}

export async function upsertList(db: Executor, list: DistributionList): Promise<void> {
  await db
    .insertInto('distribution_lists')
    .values({ id: list.id, name: list.name })
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: list.name }))
    .execute();
  await db.deleteFrom('distribution_list_members').where('list_id', '=', list.id).execute();
  if (list.members.length === 0) return;
  await db
    .insertInto('distribution_list_members')
    .values(
      list.members.map((m, position) => ({
        list_id: list.id,
        position,
        user_id: m.user ?? null,
        email: m.email ?? null,
        notify_on_escalate: toFlag(m.notifyOnEscalate),
      })),
    )
    .execute();
}

export async function getLists(db: Executor, ids?: readonly string[]): Promise<Map<string, DistributionList>> {
  if (ids && ids.length === 0) return new Map();
  let listQuery = db.selectFrom('distribution_lists').selectAll();
  let memberQuery = db.selectFrom('distribution_list_members').selectAll();
  if (ids) {
    listQuery = listQuery.where('id', 'in', [...new Set(ids)]);
    memberQuery = memberQuery.where('list_id', 'in', [...new Set(ids)]);
  }
  const [lists, members] = await Promise.all([
    listQuery.orderBy('id').execute(),
    memberQuery.orderBy('list_id').orderBy('position').execute(),
  ]);
  const result = new Map<string, DistributionList>(lists.map((l) => [l.id, { id: l.id, name: l.name, members: [] }]));
  for (const m of members) {
    result.get(m.list_id)?.members.push({
      ...(m.user_id !== null ? { user: m.user_id } : {}),
      ...(m.email !== null ? { email: m.email } : {}),
      notifyOnEscalate: fromFlag(m.notify_on_escalate),
    });
  }
  return result;
}
