/** The directory as people reach it through the API, with the access check for each call. */
import type { DomainContext } from '../context.js';
import type { Actor } from '../actor.js';
import { assertHelpDesk } from '../helpdesk/access.js';
import { inTransaction } from '../../storage/store.js';
import { getUser, listUsers, type UserRecord } from '../../storage/users.js';
import { getLookups, type Lookups } from '../../storage/lookups.js';
import { getLists, type DistributionList } from '../../storage/distribution-lists.js';
import { NotFoundError } from '../../errors.js';
import { parseWith } from '../../validation.js';
import { listDocumentSchema, lookupsDocumentSchema, userDocumentSchema } from './documents.js';
import { saveLists, saveLookups, saveUsers } from './directory.js';
import { rescheduleLearner } from '../training/courses.js';

export async function listPeople(ctx: DomainContext, actor: Actor): Promise<UserRecord[]> {
  assertHelpDesk(actor, 'read directory');
  return listUsers(ctx.store.db);
}

/** Anyone may read their own record; admins and agents anyone's. */
export async function getPerson(ctx: DomainContext, actor: Actor, id: string): Promise<UserRecord> {
  if (actor === 'system' || actor.id !== id) assertHelpDesk(actor, 'read directory');
  const user = await getUser(ctx.store.db, id);
  if (!user) throw new NotFoundError('user', id);
  return user;
}

export async function savePerson(ctx: DomainContext, actor: Actor, id: string, input: unknown): Promise<UserRecord> {
  assertHelpDesk(actor, 'manage directory');
  const doc = parseWith(userDocumentSchema, { ...(input as object), id });
  await inTransaction(ctx.store, async (trx) => {
    const before = await getUser(trx, id);
    await saveUsers(trx, [doc], 'user');
    if (before && before.timeZone !== doc.timeZone) await rescheduleLearner(ctx, trx, id);
  });
  return (await getUser(ctx.store.db, id))!;
}

export const readLookups = (ctx: DomainContext): Promise<Lookups> => getLookups(ctx.store.db);

export async function replaceLookups(ctx: DomainContext, actor: Actor, input: unknown): Promise<Lookups> {
  assertHelpDesk(actor, 'manage directory');
  const doc = parseWith(lookupsDocumentSchema, input);
  await inTransaction(ctx.store, (trx) => saveLookups(trx, doc));
  return getLookups(ctx.store.db);
}

export async function readLists(ctx: DomainContext, actor: Actor): Promise<DistributionList[]> {
  assertHelpDesk(actor, 'read directory');
  return [...(await getLists(ctx.store.db)).values()];
}

export async function saveList(ctx: DomainContext, actor: Actor, id: string, input: unknown): Promise<DistributionList> {
  assertHelpDesk(actor, 'manage directory');
  const doc = parseWith(listDocumentSchema, { ...(input as object), id });
  await inTransaction(ctx.store, (trx) => saveLists(trx, [doc], [], 'list'));
  return (await getLists(ctx.store.db, [id])).get(id)!;
}
