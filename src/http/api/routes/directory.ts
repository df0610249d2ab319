import { z } from 'zod';
import { route } from '../route.js';
import { userView, userViewSchema } from './views.js';
import { listDocumentSchema, lookupsDocumentSchema, userDocumentShape } from '../../../domains/directory/documents.js';
import { getPerson, listPeople, readLists, readLookups, replaceLookups, saveList, savePerson } from '../../../domains/directory/service.js';

const idParams = z.object({ id: z.string().min(1) });

export const directoryRoutes = [
  route({
    method: 'GET',
    path: '/users',
    summary: 'List users (admins and agents)',
    tag: 'Directory',
    response: z.array(userViewSchema),
    handler: async ({ app, user }) => (await listPeople(app.helpDesk, user)).map(userView),
  }),
  route<{ id: string }>({
    method: 'GET',
    path: '/users/:id',
    summary: 'One user (admins and agents; anyone for themselves)',
    tag: 'Directory',
    params: idParams,
    response: userViewSchema,
    handler: async ({ app, user, params }) => userView(await getPerson(app.helpDesk, user, params.id)),
  }),
  route<{ id: string }, Record<string, never>, unknown>({
    method: 'PUT',
    path: '/users/:id',
    summary: 'Create or replace a user (admins)',
    tag: 'Directory',
    params: idParams,
    body: userDocumentShape.omit({ id: true }) as never,
    response: userViewSchema,
    handler: async ({ app, user, params, body }) => userView(await savePerson(app.helpDesk, user, params.id, body)),
  }),
  route({
    method: 'GET',
    path: '/lookups',
    summary: 'Lookup lists: priorities, substatuses, issue types, … (everyone)',
    tag: 'Directory',
    response: lookupsDocumentSchema,
    handler: ({ app }) => readLookups(app.helpDesk),
  }),
  route<Record<string, never>, Record<string, never>, unknown>({
    method: 'PUT',
    path: '/lookups',
    summary: 'Replace the lookup lists named in the body (admins)',
    tag: 'Directory',
    body: lookupsDocumentSchema as never,
    response: lookupsDocumentSchema,
    handler: ({ app, user, body }) => replaceLookups(app.helpDesk, user, body),
  }),
  route({
    method: 'GET',
    path: '/lists',
    summary: 'Email distribution lists (admins and agents)',
    tag: 'Directory',
    handler: ({ app, user }) => readLists(app.helpDesk, user),
  }),
  route<{ id: string }, Record<string, never>, unknown>({
    method: 'PUT',
    path: '/lists/:id',
    summary: 'Create or replace a distribution list (admins)',
    tag: 'Directory',
    params: idParams,
    body: listDocumentSchema.omit({ id: true }) as never,
    handler: ({ app, user, params, body }) => saveList(app.helpDesk, user, params.id, body),
  }),
];
