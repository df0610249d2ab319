import { z } from 'zod';
import { route } from '../route.js';
import { deleteRule, exportRules, importRules, listRules, moveRule, parseRuleDocuments, setRuleEnabled } from '../../../domains/helpdesk/rules.js';
import { ruleDocumentSchema, toRuleDocument, type Rule } from '../../../domains/helpdesk/rule-document.js';
import { ConflictError, NotFoundError } from '../../../errors.js';

const nameParams = z.object({ name: z.string().min(1) });
const documents = (rules: Rule[]) => rules.map(toRuleDocument);
const one = (rules: Rule[], name: string) => {
  const rule = rules.find((r) => r.name === name);
  if (!rule) throw new NotFoundError('rule', name);
  return toRuleDocument(rule);
};

export const ruleRoutes = [
  route({
    method: 'GET',
    path: '/rules',
    summary: 'Help-desk rules in process order, as canonical rule documents (admins and agents)',
    tag: 'Rules',
    response: z.array(ruleDocumentSchema),
    handler: async ({ app, user }) => documents(await listRules(app.helpDesk, user)),
  }),
  route<Record<string, never>, Record<string, never>, unknown>({
    method: 'POST',
    path: '/rules',
    summary: 'Create a rule (admins); a duplicate name or process order is 409',
    tag: 'Rules',
    status: 201,
    body: ruleDocumentSchema as never,
    async handler({ app, user, body }) {
      const { docs } = parseRuleDocuments(body);
      const existing = await listRules(app.helpDesk, user);
      if (existing.some((r) => r.name === docs[0]!.name)) throw new ConflictError(`a rule named ${JSON.stringify(docs[0]!.name)} exists; PUT /rules/{name} changes it`);
      return one(await importRules(app.helpDesk, docs, { actor: user, itemPath: () => '' }), docs[0]!.name);
    },
  }),
  route({
    method: 'GET',
    path: '/rules/export',
    summary: 'Every rule as canonical JSON (what POST /rules/import reads back)',
    tag: 'Rules',
    handler: ({ app, user }) => exportRules(app.store, user),
  }),
  route<Record<string, never>, { replace?: boolean }, unknown>({
    method: 'POST',
    path: '/rules/import',
    summary: 'Add or update rules by name from a list of rule documents; ?replace=true makes the list the whole rule set (admins)',
    tag: 'Rules',
    query: z.object({ replace: z.enum(['true', 'false']).transform((v) => v === 'true').optional() }) as never,
    body: z.array(ruleDocumentSchema) as never,
    async handler({ app, user, body, query }) {
      const { docs, itemPath } = parseRuleDocuments(body);
      return documents(await importRules(app.helpDesk, docs, { actor: user, replace: query.replace, itemPath }));
    },
  }),
  route<{ name: string }>({
    method: 'GET',
    path: '/rules/:name',
    summary: 'One rule',
    tag: 'Rules',
    params: nameParams,
    handler: async ({ app, user, params }) => one(await listRules(app.helpDesk, user), params.name),
  }),
  route<{ name: string }, Record<string, never>, unknown>({
    method: 'PUT',
    path: '/rules/:name',
    summary: 'Replace a rule (admins); the body’s name may rename it',
    tag: 'Rules',
    params: nameParams,
    body: ruleDocumentSchema as never,
    async handler({ app, user, params, body }) {
      const { docs } = parseRuleDocuments(body);
      const existing = await listRules(app.helpDesk, user);
      if (!existing.some((r) => r.name === params.name)) throw new NotFoundError('rule', params.name);
      const doc = docs[0]!;
      if (doc.name !== params.name) await deleteRule(app.helpDesk, params.name, user);
      const processOrder = doc.processOrder ?? existing.find((r) => r.name === params.name)!.processOrder;
      return one(await importRules(app.helpDesk, [{ ...doc, processOrder }], { actor: user, itemPath: () => '' }), doc.name);
    },
  }),
  route<{ name: string }>({
    method: 'DELETE',
    path: '/rules/:name',
    summary: 'Delete a rule (admins); its past escalations stay in the history',
    tag: 'Rules',
    status: 204,
    params: nameParams,
    async handler({ app, user, params }) {
      await deleteRule(app.helpDesk, params.name, user);
      return null;
    },
  }),
  route<{ name: string }>({
    method: 'POST',
    path: '/rules/:name/enable',
    summary: 'Enable a rule (admins)',
    tag: 'Rules',
    params: nameParams,
    handler: async ({ app, user, params }) => one(await setRuleEnabled(app.helpDesk, params.name, true, user), params.name),
  }),
  route<{ name: string }>({
    method: 'POST',
    path: '/rules/:name/disable',
    summary: 'Disable a rule (admins)',
    tag: 'Rules',
    params: nameParams,
    handler: async ({ app, user, params }) => one(await setRuleEnabled(app.helpDesk, params.name, false, user), params.name),
  }),
  route<{ name: string }, Record<string, never>, { processOrder: number }>({
    method: 'POST',
    path: '/rules/:name/move',
    summary: 'Give a rule a new process order; the rules in its way move down (admins)',
    tag: 'Rules',
    params: nameParams,
    body: z.object({ processOrder: z.number().int().min(1) }).strict(),
    handler: async ({ app, user, params, body }) => documents(await moveRule(app.helpDesk, params.name, body.processOrder, user)),
  }),
];
