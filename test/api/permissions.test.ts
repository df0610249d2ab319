/**
 * Every endpoint × every role: an allowed role gets a 2xx, the rest 403 or 404. Each allowed call
 * runs on a fresh workspace (it may change it); the refused ones share one (they must not).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { startApi, type ApiClient, type ApiServer } from '../support/api.js';
import { loadSetup } from '../../src/domains/setup-document.js';
import { apiRoutes } from '../../src/http/api/routes/index.js';
import { enqueueEmail, listEmails, markEmailFailed } from '../../src/storage/outbox.js';
import { createApiToken } from '../../src/domains/accounts/sign-in.js';
import { getUser } from '../../src/storage/users.js';
import { createWebhook } from '../../src/domains/operations.js';
import { executeRun } from '../../src/engine/run.js';

const PERSONAS = ['admin', 'agent', 'enduser', 'owner', 'tadmin', 'leader', 'learner'] as const;
type Persona = (typeof PERSONAS)[number];
const ALL = PERSONAS;
const STAFF: Persona[] = ['admin', 'agent'];
const ADMIN: Persona[] = ['admin'];
const OWNER_ADMIN: Persona[] = ['owner', 'tadmin'];

const workspace = {
  users: [
    { id: 'admin', name: 'Admin', email: 'admin@example.com', role: 'admin' },
    { id: 'agent', name: 'Agent', email: 'agent@example.com', role: 'agent' },
    { id: 'enduser', name: 'End User', email: 'end@example.com', role: 'end user' },
    { id: 'owner', name: 'Owner', email: 'owner@example.com', trainingRole: 'account owner' },
    { id: 'tadmin', name: 'Training Admin', email: 'tadmin@example.com', trainingRole: 'administrator' },
    { id: 'leader', name: 'Leader', email: 'leader@example.com', trainingRole: 'team leader' },
    { id: 'learner', name: 'Learner', email: 'learner@example.com', trainingRole: 'learner', manager: 'leader' },
  ],
  lookups: { priorities: ['Low', 'High'] },
  lists: [{ id: 'ops', members: [{ email: 'ops@example.com', notifyOnEscalate: true }] }],
  rules: [{ name: 'R1', processOrder: 1, interval: { hours: 1 }, after: 'submitted', actions: [{ type: 'notify', users: ['agent'] }] }],
  issues: [{ id: 'E1', subject: 'End user issue', submitter: 'enduser', submittedAt: '2026-03-02T06:00:00Z' }],
  trainingRules: [
    { name: 'Escalate', tiers: [{ fromReminder: 2, target: { type: 'manager' } }] },
    { name: 'Spare', tiers: [] },
  ],
  courses: [
    {
      id: 'safety',
      title: 'Safety',
      dueDate: { daysAfterAssignment: 14 },
      reminders: { startDaysBefore: 3, everyDays: 2, maxReminders: 3 },
      reminderEmail: { subject: 'Due {{dueDate}}', body: 'Hello {{learner.name}}' },
      escalations: { enabled: true, rule: 'Escalate' },
    },
    { id: 'intro', title: 'Intro' },
  ],
  enrollments: [{ learner: 'learner', course: 'safety', assignedAt: '2026-03-01T10:00:00Z' }],
};

const rule = (name: string, processOrder: number) => ({ name, processOrder, interval: { hours: 2 }, after: 'submitted', actions: [{ type: 'close' }] });

interface Case {
  method: string;
  path: string;
  body?: unknown;
  allowed: readonly Persona[];
  /** The route this case exercises, as in the table (`GET /issues/:id`). */
  route: string;
  /** Path for a given persona (when it differs per persona). */
  pathFor?: (p: Persona) => string;
}

const c = (route: string, allowed: readonly Persona[], extra: Partial<Case> = {}): Case => {
  const [method, template] = route.split(' ') as [string, string];
  const path = template.replace(':id', 'E1');
  return { method, path: `/api/v1${path}`, allowed, route, ...extra, ...(extra.path ? { path: `/api/v1${extra.path}` } : {}) };
};

const CASES: Case[] = [
  c('POST /auth/sign-out', ALL),
  c('GET /me', ALL),
  c('GET /me/tokens', ALL),
  c('POST /me/tokens', ALL, { body: { name: 'ci' } }),
  c('DELETE /me/tokens/:id', ALL, { pathFor: (p) => `/api/v1/me/tokens/${spareToken.get(p)}` }),
  c('PUT /users/:id/password', ['admin', 'enduser'], { path: '/users/enduser/password', body: { password: 'a long enough password' } }),
  c('GET /users', STAFF),
  c('GET /users/:id', STAFF, { path: '/users/agent' }),
  c('PUT /users/:id', ADMIN, { path: '/users/newbie', body: { name: 'Newbie', email: 'newbie@example.com', role: 'agent' } }),
  c('GET /lookups', ALL),
  c('PUT /lookups', ADMIN, { body: { substatuses: ['Waiting'] } }),
  c('GET /lists', STAFF),
  c('PUT /lists/:id', ADMIN, { path: '/lists/ops', body: { members: [] } }),
  c('GET /issues', ALL),
  c('POST /issues', ALL, { body: { subject: 'New' } }),
  c('GET /issues/:id', ['admin', 'agent', 'enduser']),
  c('PATCH /issues/:id', STAFF, { body: { priority: 'High' } }),
  c('POST /issues/:id/close', STAFF),
  c('POST /issues/:id/reopen', STAFF),
  c('GET /issues/:id/notes', ['admin', 'agent', 'enduser']),
  c('POST /issues/:id/notes', ['admin', 'agent', 'enduser'], { body: { text: 'hello', visibility: 'public' } }),
  c('GET /issues/:id/escalations', ['admin', 'agent', 'enduser']),
  c('GET /issues/:id/explain', ['admin', 'agent', 'enduser']),
  c('GET /rules', STAFF),
  c('POST /rules', ADMIN, { body: rule('R2', 2) }),
  c('GET /rules/export', STAFF),
  c('POST /rules/import', ADMIN, { body: [rule('R3', 3)] }),
  c('GET /rules/:name', STAFF, { path: '/rules/R1' }),
  c('PUT /rules/:name', ADMIN, { path: '/rules/R1', body: rule('R1', 1) }),
  c('DELETE /rules/:name', ADMIN, { path: '/rules/R1' }),
  c('POST /rules/:name/enable', ADMIN, { path: '/rules/R1/enable' }),
  c('POST /rules/:name/disable', ADMIN, { path: '/rules/R1/disable' }),
  c('POST /rules/:name/move', ADMIN, { path: '/rules/R1/move', body: { processOrder: 5 } }),
  c('GET /runs', STAFF),
  c('GET /runs/:id', STAFF, { path: '/runs/1' }),
  c('POST /runs', ADMIN),
  c('GET /mail', ADMIN),
  c('GET /mail/:id', ADMIN, { path: '/mail/1' }),
  c('POST /mail/:id/retry', ADMIN, { path: '/mail/1/retry' }),
  c('GET /webhooks', ADMIN),
  c('POST /webhooks', ADMIN, { body: { url: 'http://127.0.0.1:9/hook', events: ['escalation'] } }),
  c('PATCH /webhooks/:id', ADMIN, { path: '/webhooks/1', body: { active: false } }),
  c('DELETE /webhooks/:id', ADMIN, { path: '/webhooks/1' }),
  c('GET /webhooks/:id/deliveries', ADMIN, { path: '/webhooks/1/deliveries' }),
  c('POST /webhooks/:id/deliveries/:delivery/redeliver', ADMIN, { pathFor: () => `/api/v1/webhooks/1/deliveries/${deliveryId}/redeliver` }),
  c('GET /courses', ALL),
  c('POST /courses', OWNER_ADMIN, { body: { id: 'new', title: 'New course' } }),
  c('GET /courses/:id', ALL, { path: '/courses/safety' }),
  c('PUT /courses/:id/escalations', OWNER_ADMIN, { path: '/courses/safety/escalations', body: { enabled: false } }),
  c('GET /courses/:id/preview', OWNER_ADMIN, { path: '/courses/safety/preview' }),
  c('GET /enrollments', ALL),
  c('POST /enrollments', ['owner', 'tadmin', 'leader'], { body: { learner: 'learner', course: 'intro' } }),
  c('POST /enrollments/complete', ['owner', 'tadmin', 'leader', 'learner'], { body: { learner: 'learner', course: 'safety' } }),
  c('GET /training-rules', OWNER_ADMIN),
  c('POST /training-rules', ['owner'], { body: { name: 'More', tiers: [] } }),
  c('DELETE /training-rules/:name', ['owner'], { path: '/training-rules/Spare' }),
  c('GET /reports/escalations', ALL),
  c('GET /reports/reminders', ALL),
  c('POST /simulate', ALL, { body: { start: '2026-03-02T08:00:00Z', until: '2026-03-02T09:00:00Z' } }),
];

let spareToken = new Map<Persona, number>();
let deliveryId = 0;

test('the table covers every route of the API (sign-in is public and tested in the walkthrough)', () => {
  const covered = new Set(CASES.map((x) => x.route));
  const missing = apiRoutes.filter((r) => !r.public && !covered.has(`${r.method} ${r.path}`)).map((r) => `${r.method} ${r.path}`);
  assert.deepEqual(missing, []);
});

for (const dialect of TEST_DIALECTS) describe(`every endpoint × every role [${dialect}]`, () => {
  let store: TestStore | undefined;
  let api: ApiServer | undefined;
  let clients: Map<Persona, ApiClient>;

  async function fresh(): Promise<void> {
    if (api) await api.close();
    if (store) await store.close();
    const s = (store = await openTestStore(dialect));
    const a = (api = await startApi(s, '2026-03-02T08:00:00Z'));
    await setUp(s, a);
  }

  async function setUp(store: TestStore, api: ApiServer): Promise<void> {
    await loadSetup(api.app.helpDesk, workspace);
    const email = await enqueueEmail(store.db, { kind: 'escalation', to: ['x@example.com'], cc: [], subject: 's', body: 'b' }, api.clock.now());
    await markEmailFailed(store.db, email, 'refused');
    await createWebhook(api.app.helpDesk, 'system', { url: 'http://127.0.0.1:9/hook', events: ['escalation', 'run.finished'] });
    // A run (id 1): it escalates E1 and queues webhook deliveries; the run.finished one then fails.
    api.clock.set('2026-03-02T08:15:00Z');
    await executeRun(api.app.engine, { trigger: 'manual' });
    const deliveries = await listEmails(store.db, { kind: 'webhook', webhookId: 1 });
    deliveryId = deliveries.find((d) => d.event === 'run.finished')!.id;
    await markEmailFailed(store.db, deliveryId, 'connection refused');
    clients = new Map();
    spareToken = new Map();
    for (const persona of PERSONAS) {
      const user = (await getUser(store.db, persona))!;
      clients.set(persona, api.client((await createApiToken(api.app.helpDesk, user, 'test')).token));
      spareToken.set(persona, (await createApiToken(api.app.helpDesk, user, 'spare')).id);
    }
  }

  before(fresh);
  after(async () => {
    await api?.close();
    await store?.close();
  });

  for (const entry of CASES) {
    test(`${entry.route}: allowed for ${entry.allowed.join(', ')}`, async () => {
      await fresh();
      const refused = PERSONAS.filter((p) => !entry.allowed.includes(p));
      for (const persona of refused) {
        const response = await clients.get(persona)!.request(entry.method, entry.pathFor?.(persona) ?? entry.path, entry.body);
        assert.ok([403, 404].includes(response.status), `${persona}: expected 403/404, got ${response.status} ${response.text}`);
      }
      for (const persona of entry.allowed) {
        await fresh();
        const response = await clients.get(persona)!.request(entry.method, entry.pathFor?.(persona) ?? entry.path, entry.body);
        assert.ok(response.status >= 200 && response.status < 300, `${persona}: expected 2xx, got ${response.status} ${response.text}`);
      }
    });
  }
});
