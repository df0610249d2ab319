/** The `escalator` command as a user meets it: output, exit codes 0/1/2 and error messages. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, workspace } from '../support/cli.js';
import { startSmtpServer, type TestSmtpServer } from '../support/smtp.js';

describe('escalator CLI', () => {
  const ws = workspace();
  after(() => ws.cleanup());

  test('bad input exits 2 with the file, the field and the reason; nothing is stored', async () => {
    const file = ws.file('bad-rules.json', [{ name: 'A', interval: { hours: 0 }, after: 'submitted', actions: [{ type: 'notify', users: ['nobody'] }] }]);
    const r = await cli(['rules', 'import', file], ws.env);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `escalator: ${file}: [0].interval: interval must be longer than zero\n`);
    const refs = await cli(['rules', 'import', ws.file('refs.json', [{ name: 'A', interval: { hours: 1 }, after: 'submitted', actions: [{ type: 'notify', users: ['nobody'] }] }])], ws.env);
    assert.equal(refs.code, 2);
    assert.match(refs.stderr, /refs\.json: \[0\]\.actions\[0\]\.users\[0\]: unknown user "nobody"\n$/);
    assert.equal((await cli(['rules', 'export'], ws.env)).stdout, '[]\n');
  });

  test('a missing file, broken JSON, an unknown command, a missing issue and a bad option exit 2', async () => {
    const missing = await cli(['rules', 'import', '/nonexistent/rules.json'], ws.env);
    assert.deepEqual([missing.code, missing.stderr], [2, 'escalator: /nonexistent/rules.json: file not found\n']);
    const broken = await cli(['issues', 'create', ws.file('broken.json', '{"subject": ')], ws.env);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /broken\.json: not valid JSON: /);
    assert.equal((await cli(['frobnicate'], ws.env)).code, 2);
    const notFound = await cli(['issues', 'show', '404'], ws.env);
    assert.deepEqual([notFound.code, notFound.stderr], [2, 'escalator: issue "404" was not found\n']);
    const badFormat = await cli(['simulate', 'examples/rule-a.json', '--format', 'xml'], ws.env);
    assert.deepEqual([badFormat.code, badFormat.stderr], [2, 'escalator: --format: must be "json" or "table"\n']);
  });

  test('a bad environment variable exits 2 naming it', async () => {
    const r = await cli(['rules', 'list'], { ...ws.env, ESCALATION_TASK_RATE_SECONDS: '0' });
    assert.deepEqual([r.code, r.stderr], [2, 'escalator: environment: ESCALATION_TASK_RATE_SECONDS: the task rate is at least 1 second\n']);
  });

  test('issues create, update, note, show, list: JSON in and out', async () => {
    const created = await cli(['issues', 'create', ws.file('issue.json', { subject: 'Laptop will not boot', priority: 'High' })], ws.env);
    assert.equal(created.code, 0, created.stderr);
    const issue = JSON.parse(created.stdout);
    assert.equal(issue.subject, 'Laptop will not boot');
    const updated = await cli(['issues', 'update', issue.id, ws.file('patch.json', { substatus: 'Waiting on parts' })], ws.env);
    assert.equal(JSON.parse(updated.stdout).substatus, 'Waiting on parts');
    const note = await cli(['issues', 'note', issue.id, '--text', 'Ordered a disk', '--visibility', 'private'], ws.env);
    assert.equal(JSON.parse(note.stdout).visibility, 'private');
    const shown = JSON.parse((await cli(['issues', 'show', issue.id], ws.env)).stdout);
    assert.deepEqual(shown.notes.map((n: { text: string }) => n.text), ['Ordered a disk']);
    const listed = JSON.parse((await cli(['issues', 'list', '--status', 'open'], ws.env)).stdout);
    assert.ok(listed.some((i: { id: string }) => i.id === issue.id));
    const badStatus = await cli(['issues', 'list', '--status', 'pending'], ws.env);
    assert.deepEqual([badStatus.code, badStatus.stderr], [2, 'escalator: --status: must be "open" or "closed"\n']);
  });

  test('rules import, list, move and export round-trip', async () => {
    const other = workspace();
    try {
      await cli(['load', other.file('setup.json', { users: [{ id: 'steve', name: 'Steve', email: 'steve@example.com', role: 'agent' }] })], other.env);
      const rules = [
        { name: 'Rule X', processOrder: 17, interval: { hours: 2 }, after: 'lastActivity', actions: [{ type: 'notify', users: ['steve'] }] },
        { name: 'Rule Y', processOrder: 16, interval: { hours: 4 }, after: 'lastActivity', actions: [{ type: 'setPriority', value: 'Critical' }] },
      ];
      const imported = await cli(['rules', 'import', other.file('rules.json', rules)], other.env);
      assert.deepEqual([imported.code, imported.stdout], [0, 'Imported 2 rules; 2 in the rule set.\n']);
      const listed = await cli(['rules', 'list'], other.env);
      assert.match(listed.stdout, /^ORDER\s+NAME\s+ENABLED\s+WHEN\s+CONDITIONS\s+ACTIONS\n16\s+Rule Y\s+yes\s+4h after last activity\s+-\s+setPriority\n17\s+Rule X/);
      await cli(['rules', 'move', 'Rule X', '16'], other.env);
      const exported = JSON.parse((await cli(['rules', 'export'], other.env)).stdout);
      assert.deepEqual(exported.map((r: { name: string; processOrder: number }) => [r.name, r.processOrder]), [['Rule X', 16], ['Rule Y', 17]]);
      const again = await cli(['rules', 'import', '--replace', other.file('exported.json', exported)], other.env);
      assert.equal(again.code, 0);
      assert.deepEqual(JSON.parse((await cli(['rules', 'export'], other.env)).stdout), exported);
      const badMove = await cli(['rules', 'move', 'Rule X', 'first'], other.env);
      assert.deepEqual([badMove.code, badMove.stderr], [2, 'escalator: ORDER: "first" is not a whole number of 1 or more\n']);
    } finally {
      other.cleanup();
    }
  });
});

describe('escalator demo and run, with mail over SMTP', () => {
  const ws = workspace();
  let smtp: TestSmtpServer;
  before(async () => {
    smtp = await startSmtpServer();
  });
  after(async () => {
    await smtp.close();
    ws.cleanup();
  });

  test('demo loads, run escalates and delivers each email once', async () => {
    const env = { ...ws.env, SMTP_URL: smtp.url };
    const demo = await cli(['demo'], env);
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /^Demo loaded: 11 users, 1 list, 4 rules, 4 new issues, 1 course, 1 new enrollment\./);
    assert.match((await cli(['demo'], env)).stdout, /0 new issues, 1 course, 0 new enrollment/, 'loading the demo twice adds nothing');
    const run = await cli(['run'], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Run 1 at .*: 4 due, 3 escalations, 1 reminders in \d+ ms; mail: 5 sent, 0 to retry, 0 failed\n$/);
    assert.deepEqual(smtp.received.map((m) => m.to.join(',')).sort(), ['ana@example.com', 'ops@example.com', 'stan@example.com', 'steve@example.com', 'tobias@example.com']);
    const list = await cli(['mail', 'list', '--status', 'sent'], env);
    assert.equal(list.stdout.trim().split('\n').length, 6);
    const show = await cli(['mail', 'show', '3'], env);
    assert.match(show.stdout, /^Email 3 \(escalation\)\nStatus: sent via smtp, 1 attempt, sent /);
    assert.match(show.stdout, /Issue #12345 "VPN down" was escalated by rule "Rule Y"/);
    assert.match(show.stdout, / {2}priority: High -> Critical\n {2}assignedTo: \(none\) -> michael\n/);
  });
});
