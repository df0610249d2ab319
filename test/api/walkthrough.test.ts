/** The API end to end over real HTTP, on both dialects. */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { startApi, type ApiServer } from '../support/api.js';
import { loadSetup } from '../../src/domains/setup-document.js';
import { createAdmin } from '../../src/domains/accounts/bootstrap.js';
import { deliverDueMail } from '../../src/mail/sender.js';
import { listEmails } from '../../src/storage/outbox.js';
import { getUser } from '../../src/storage/users.js';
import { showIssue } from '../../src/domains/helpdesk/issues.js';

const setup = {
  users: [
    { id: 'agent', name: 'Agent Smith', email: 'agent@example.com', role: 'agent' },
    { id: 'eve', name: 'Eve End', email: 'eve@example.com', role: 'end user' },
  ],
  lookups: { priorities: ['Low', 'High', 'Critical'] },
  rules: [
    {
      name: 'Idle',
      processOrder: 1,
      interval: { hours: 1 },
      after: 'lastActivity',
      conditions: [{ field: 'escalationCount', op: 'lt', value: 1 }],
      actions: [
        { type: 'addNote', visibility: 'private', text: 'SECRET internal remark' },
        { type: 'addNote', visibility: 'public', text: 'We are looking at it.' },
        { type: 'notify', recipients: ['submitter'], users: ['agent'] },
      ],
    },
  ],
};

/** A local endpoint that records what it receives: the webhook subscriber. */
async function receiver(status = 200) {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(state.status).end();
    });
  });
  const state = { status, received, url: '', close: () => new Promise<void>((r) => server.close(() => r())) };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return state;
}

for (const dialect of TEST_DIALECTS) {
  describe(`API walkthrough [${dialect}]`, () => {
    let store: TestStore;
    let api: ApiServer;
    beforeEach(async () => {
      store = await openTestStore(dialect);
      api = await startApi(store);
      await loadSetup(api.app.helpDesk, setup);
      await createAdmin(api.app.helpDesk, { email: 'root@example.com', id: 'root', password: 'correct horse battery' });
    });
    afterEach(async () => {
      await api.close();
      await store.close();
    });

    test('sign-in: session cookie, CSRF on writes, wrong password 401, throttled after 5 failures', async () => {
      const anonymous = api.client();
      assert.equal((await anonymous.get('/api/v1/issues')).status, 401);
      const bad = await anonymous.post('/api/v1/auth/sign-in', { email: 'root@example.com', password: 'nope' });
      assert.equal(bad.status, 401);
      assert.equal(bad.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      const root = api.client();
      const ok = await root.signIn('ROOT@example.com', 'correct horse battery');
      assert.equal(ok.status, 200);
      assert.match(ok.headers.get('set-cookie')!, /^escalator_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/);
      assert.equal((await root.get('/api/v1/me')).body.id, 'root');
      const csrf = root.csrf;
      root.csrf = undefined;
      const noCsrf = await root.post('/api/v1/issues', { subject: 'x' });
      assert.equal(noCsrf.status, 403);
      assert.match(noCsrf.body.detail, /X-CSRF-Token/);
      root.csrf = csrf;
      assert.equal((await root.post('/api/v1/issues', { subject: 'x' })).status, 201);
      assert.equal((await root.post('/api/v1/auth/sign-out')).status, 204);
      assert.equal((await root.get('/api/v1/me')).status, 401);

      const guesser = api.client();
      for (let i = 0; i < 5; i++) assert.equal((await guesser.post('/api/v1/auth/sign-in', { email: 'agent@example.com', password: `guess-${i}` })).status, 401);
      const throttled = await guesser.post('/api/v1/auth/sign-in', { email: 'agent@example.com', password: 'guess-5' });
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers.get('retry-after'), '900');
    });

    test('API tokens: shown once, work as Bearer, revocable', async () => {
      const root = api.client();
      await root.signIn('root@example.com', 'correct horse battery');
      const created = await root.post('/api/v1/me/tokens', { name: 'script' });
      assert.equal(created.status, 201);
      assert.match(created.body.token, /^esc_[A-Za-z0-9_-]{43}$/);
      const bearer = api.client(created.body.token);
      assert.equal((await bearer.get('/api/v1/me')).body.id, 'root');
      const listed = await root.get('/api/v1/me/tokens');
      assert.deepEqual(Object.keys(listed.body[0]).sort(), ['createdAt', 'id', 'lastUsedAt', 'name', 'revokedAt']);
      assert.equal((await root.delete(`/api/v1/me/tokens/${created.body.id}`)).status, 204);
      assert.equal((await bearer.get('/api/v1/me')).status, 401);
    });

    test('errors: 422 names each bad field, 409 for a stale update and a duplicate process order, 404', async () => {
      const agent = await api.as('agent');
      const bad = await agent.post('/api/v1/issues', { subject: '', priority: 'Urgent', colour: 'red' });
      assert.equal(bad.status, 422);
      assert.deepEqual(bad.body.errors.map((e: { field: string }) => e.field), ['subject', '']);
      const created = (await agent.post('/api/v1/issues', { subject: 'VPN down', priority: 'High' })).body;
      assert.equal((await agent.patch(`/api/v1/issues/${created.id}`, { priority: 'Low', version: created.version })).status, 200);
      const stale = await agent.patch(`/api/v1/issues/${created.id}`, { priority: 'Critical' }, { 'if-match': `"${created.version}"` });
      assert.equal(stale.status, 409);
      assert.equal((await agent.get('/api/v1/issues/nope')).status, 404);
      const root = await api.as('root');
      const duplicate = await root.post('/api/v1/rules', { name: 'Other', processOrder: 1, interval: { hours: 2 }, after: 'submitted', actions: [{ type: 'close' }] });
      assert.equal(duplicate.status, 409);
      assert.deepEqual(duplicate.body.errors, [{ field: 'processOrder', reason: 'duplicate process order 1 (already used by rule "Idle")', conflict: true }]);
      assert.equal((await root.get('/api/v1/no/such/route')).status, 404);
      const malformed = await fetch(`${api.url}/api/v1/issues`, { method: 'POST', headers: { authorization: `Bearer ${root.token}`, 'content-type': 'application/json' }, body: '{bad' });
      assert.equal(malformed.status, 400);
      assert.equal(malformed.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      const emptyBody = await fetch(`${api.url}/api/v1/runs`, { method: 'POST', headers: { authorization: `Bearer ${root.token}`, 'content-type': 'application/json' } });
      assert.equal(emptyBody.status, 201, 'an empty JSON body is no body');
    });

    test('from an issue to its escalation, email and signed webhook; explain; reports; metrics; a private note never reaches the end user', async () => {
      const hook = await receiver();
      try {
        const root = await api.as('root');
        const sub = await root.post('/api/v1/webhooks', { url: hook.url, events: ['escalation', 'run.finished'] });
        assert.equal(sub.status, 201);
        const eve = await api.as('eve');
        const issue = (await eve.post('/api/v1/issues', { subject: 'Printer jam' })).body;
        assert.equal(issue.submitter, 'eve');
        assert.equal((await eve.post(`/api/v1/issues/${issue.id}/notes`, { text: 'hidden?', visibility: 'private' })).status, 403);
        const agent = await api.as('agent');
        await agent.post(`/api/v1/issues/${issue.id}/notes`, { text: 'SECRET agent aside', visibility: 'private' });

        let explain = (await eve.get(`/api/v1/issues/${issue.id}/explain?at=2026-03-02T08:30:00Z`)).body;
        assert.equal(explain.escalatesBy, null);
        assert.deepEqual(explain.rules[0].reasons, ['its interval elapses at 2026-03-02T09:00:00.000Z']);

        api.clock.set('2026-03-02T09:00:00Z');
        const run = await root.post('/api/v1/runs');
        assert.equal(run.status, 201);
        assert.equal(run.body.escalations, 1);
        explain = (await eve.get(`/api/v1/issues/${issue.id}/explain`)).body;
        assert.deepEqual(explain.rules[0].reasons, ['escalationCount is 1, not lt 1']);

        for (const path of [`/api/v1/issues/${issue.id}`, `/api/v1/issues/${issue.id}/notes`, `/api/v1/issues/${issue.id}/escalations`, '/api/v1/issues', '/api/v1/reports/escalations']) {
          const seen = await eve.get(path);
          assert.equal(seen.status, 200, path);
          assert.doesNotMatch(seen.text, /SECRET/, path);
        }
        assert.match((await eve.get(`/api/v1/issues/${issue.id}`)).text, /We are looking at it\./);
        assert.match((await agent.get(`/api/v1/issues/${issue.id}`)).text, /SECRET internal remark/);

        await deliverDueMail(api.app.mail);
        const mail = await listEmails(store.db, { limit: 100 });
        const toEve = mail.find((m) => m.to[0] === 'eve@example.com')!;
        const toAgent = mail.find((m) => m.to[0] === 'agent@example.com')!;
        assert.doesNotMatch(toEve.body, /SECRET/);
        assert.match(toAgent.body, /SECRET internal remark/);

        assert.deepEqual(hook.received.map((r) => r.headers['escalator-event']), ['escalation', 'run.finished']);
        const [delivery] = hook.received;
        assert.doesNotMatch(delivery!.body, /SECRET/);
        const signature = String(delivery!.headers['escalator-signature']);
        const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
        assert.equal(v1, createHmac('sha256', sub.body.secret).update(`${t}.${delivery!.body}`).digest('hex'));
        assert.equal(JSON.parse(delivery!.body).data.issue, issue.id);

        const log = await root.get(`/api/v1/webhooks/${sub.body.id}/deliveries`);
        assert.deepEqual(log.body.items.map((d: { event: string; status: string; responseStatus: number }) => [d.event, d.status, d.responseStatus]), [
          ['run.finished', 'sent', 200],
          ['escalation', 'sent', 200],
        ]);
        const elsewhere = await root.post(`/api/v1/webhooks/${sub.body.id + 1}/deliveries/${log.body.items[1].id}/redeliver`);
        assert.equal(elsewhere.status, 404, 'a delivery is redelivered only through its own subscription');
        const emailThroughHook = await root.post(`/api/v1/webhooks/${sub.body.id}/deliveries/${toEve.id}/redeliver`);
        assert.equal(emailThroughHook.status, 404);
        const again = await root.post(`/api/v1/webhooks/${sub.body.id}/deliveries/${log.body.items[1].id}/redeliver`);
        assert.equal(again.body.status, 'pending');
        await deliverDueMail(api.app.mail);
        assert.equal(hook.received.length, 3);

        const csv = await eve.get('/api/v1/reports/escalations?by=rule&format=csv');
        assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
        assert.equal(csv.text, 'rule,count\nIdle,1\n');
        assert.deepEqual((await eve.get('/api/v1/reports/escalations?by=priority')).body, [{ key: '(none)', count: 1 }]);

        const metrics = await api.client().get('/metrics');
        assert.match(metrics.text, /^escalator_runs_total\{status="finished"\} 1$/m);
        assert.match(metrics.text, /^escalator_escalations_total 1$/m);
        assert.match(metrics.text, /^escalator_deliveries_total\{kind="webhook",outcome="sent"\} 3$/m);
        assert.match(metrics.text, /^escalator_escalation_lateness_seconds_count 1$/m);
      } finally {
        await hook.close();
      }
    });

    test('reading an issue again: the same bytes as a fresh read, a change seen at once, per audience', async () => {
      const agent = await api.as('agent');
      const eve = await api.as('eve');
      const issue = (await eve.post('/api/v1/issues', { subject: 'Printer jam' })).body;
      await agent.post(`/api/v1/issues/${issue.id}/notes`, { text: 'SECRET agent aside', visibility: 'private' });
      const path = `/api/v1/issues/${issue.id}`;
      const first = await agent.get(path);
      const again = await agent.get(path);
      assert.equal(again.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(again.text, first.text);
      // What a server without the cache would send.
      const uncached = { ...api.app.helpDesk, issueDocuments: undefined };
      assert.equal(again.text, JSON.stringify(await showIssue(uncached, issue.id, (await getUser(store.db, 'agent'))!)));
      assert.doesNotMatch((await eve.get(path)).text, /SECRET/);
      assert.equal((await agent.patch(path, { priority: 'Critical' })).status, 200);
      assert.equal((await agent.get(path)).body.priority, 'Critical');
      assert.equal((await eve.get(path)).body.priority, 'Critical');
      assert.equal(JSON.parse((await agent.get(`${path}/notes`)).text).length, 1);
    });

    test('lists are cursor-paginated, filterable and sortable', async () => {
      const agent = await api.as('agent');
      for (let i = 1; i <= 5; i++) {
        api.clock.set(Date.parse('2026-03-02T08:00:00Z') + i * 60_000);
        await agent.post('/api/v1/issues', { subject: `Issue ${i}`, priority: i % 2 ? 'High' : 'Low' });
      }
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: { items: { subject: string }[]; nextCursor: string | null } } = await agent.get(`/api/v1/issues?limit=2&sort=-submittedAt${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.items.map((i) => i.subject));
        cursor = page.body.nextCursor;
      } while (cursor);
      assert.deepEqual(seen, ['Issue 5', 'Issue 4', 'Issue 3', 'Issue 2', 'Issue 1']);
      const high = await agent.get('/api/v1/issues?priority=High');
      assert.deepEqual(high.body.items.map((i: { subject: string }) => i.subject), ['Issue 1', 'Issue 3', 'Issue 5']);
      assert.equal((await agent.get('/api/v1/issues?cursor=garbage')).status, 422);
    });

    test('POST /simulate answers exactly what the CLI prints; the OpenAPI document and docs page are served', async () => {
      const eve = await api.as('eve');
      const simulated = await eve.post('/api/v1/simulate', JSON.parse(fs.readFileSync('examples/rule-x-y.json', 'utf8')));
      assert.equal(simulated.status, 200);
      assert.equal(simulated.text, fs.readFileSync('examples/rule-x-y.expected.jsonl', 'utf8'));
      const doc = (await api.client().get('/api/openapi.json')).body;
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.paths['/api/v1/issues/{id}/explain'].get);
      assert.ok(doc.paths['/api/v1/issues'].post.requestBody.content['application/json'].schema.properties.subject);
      const page = await api.client().get('/api/docs');
      assert.match(page.text, /<title>Escalator API<\/title>/);
    });
  });
}
