import type { Executor } from '../../storage/store.js';
import { listUsers, upsertUser, type UserRecord } from '../../storage/users.js';
import { upsertList } from '../../storage/distribution-lists.js';
import { replaceLookup, type LookupKind } from '../../storage/lookups.js';
import { InputError, type FieldProblem } from '../../errors.js';
import type { ListDocument, LookupsDocument, UserDocument } from './documents.js';

/** Saves users; every manager must be a stored user or one of `users`. */
export async function saveUsers(db: Executor, users: readonly UserDocument[], at = 'users'): Promise<void> {
  const known = new Set([...(await listUsers(db)).map((u) => u.id), ...users.map((u) => u.id)]);
  const problems: FieldProblem[] = [];
  users.forEach((u, i) => {
    if (u.manager !== null && !known.has(u.manager)) problems.push({ field: `${at}[${i}].manager`, reason: `unknown user ${JSON.stringify(u.manager)}` });
  });
  if (problems.length > 0) throw new InputError(problems);
  for (const user of users) await upsertUser(db, user as UserRecord);
}

/** Saves lists after checking that every user member exists (in the store or in `pendingUsers`). */
export async function saveLists(db: Executor, lists: readonly ListDocument[], pendingUsers: readonly string[] = [], at = 'lists'): Promise<void> {
  const known = new Set([...(await listUsers(db)).map((u) => u.id), ...pendingUsers]);
  const problems: FieldProblem[] = [];
  lists.forEach((list, i) =>
    list.members.forEach((m, j) => {
      if (m.user !== undefined && !known.has(m.user)) problems.push({ field: `${at}[${i}].members[${j}].user`, reason: `unknown user ${JSON.stringify(m.user)}` });
    }),
  );
  if (problems.length > 0) throw new InputError(problems);
  for (const list of lists) await upsertList(db, { id: list.id, name: list.name ?? list.id, members: list.members });
}

/** Replaces each lookup kind named in the document; kinds it leaves out keep their values. */
export async function saveLookups(db: Executor, lookups: LookupsDocument): Promise<void> {
  for (const [kind, values] of Object.entries(lookups)) if (values) await replaceLookup(db, kind as LookupKind, values);
}

