/** `escalator training …` as a user meets it. */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { cli, workspace } from '../support/cli.js';

const ws = workspace();
after(() => ws.cleanup());

test('load a scenario as setup, preview, permissions by --as, run sends the reminder', async () => {
  const loaded = await cli(['load', 'examples/training-seed.json'], ws.env);
  assert.equal(loaded.code, 0, loaded.stderr);
  assert.match(loaded.stdout, /1 training rules, 1 courses, 1 enrollments\. Ignored the simulator settings: start, until, taskRate\.\n$/);

  const preview = await cli(['training', 'preview', 'safety', '--format', 'json'], ws.env);
  const [entry] = JSON.parse(preview.stdout);
  assert.deepEqual(entry.upcoming.map((u: { reminder: number; at: string; cc: string[] }) => [u.reminder, u.at, u.cc]), [
    [1, '2026-03-12T09:00:00.000Z', []],
    [2, '2026-03-14T09:00:00.000Z', ['lenny@example.com']],
    [3, '2026-03-16T09:00:00.000Z', ['lenny@example.com']],
  ]);

  const forbidden = await cli(['training', 'escalations', 'safety', '--disable', '--as', 'bob'], ws.env);
  assert.deepEqual([forbidden.code, forbidden.stderr], [2, 'escalator: not allowed: a team leader cannot set course escalations (account owners and administrators can)\n']);
  const noActor = await cli(['training', 'escalations', 'safety', '--disable'], ws.env);
  assert.equal(noActor.code, 2);
  assert.match(noActor.stderr, /required option '--as <user>' not specified/);
  const unknownActor = await cli(['training', 'rules', 'import', 'examples/training-seed.json', '--as', 'ghost'], ws.env);
  assert.equal(unknownActor.code, 2);

  const rules = ws.file('rules.json', [{ name: 'Managers', tiers: [{ fromReminder: 1, target: { type: 'manager' } }] }]);
  assert.equal((await cli(['training', 'rules', 'import', rules, '--as', 'bob'], ws.env)).code, 2);
  const imported = await cli(['training', 'rules', 'import', rules, '--as', 'owner'], ws.env);
  assert.deepEqual([imported.code, imported.stdout], [0, 'Saved 1 training rule.\n']);
  const set = await cli(['training', 'escalations', 'safety', '--enable', '--rule', 'Managers', '--as', 'owner'], ws.env);
  assert.deepEqual(JSON.parse(set.stdout), { enabled: true, rule: 'Managers' });

  const badCourse = await cli(['training', 'courses', 'import', ws.file('course.json', { id: 'x', title: 'X', escalations: { enabled: true, rule: 'Managers' } }), '--as', 'owner'], ws.env);
  assert.equal(badCourse.code, 2);
  assert.match(badCourse.stderr, /course\.json: escalations\.enabled: escalations need the due-date prerequisites/);

  // All three slots have passed by now: a late run sends one reminder (the latest slot), CC'ing the manager.
  const run = await cli(['run'], ws.env);
  assert.match(run.stdout, /1 due, 0 escalations, 1 reminders/);
  const mail = await cli(['mail', 'show', '1'], ws.env);
  assert.match(mail.stdout, /^Email 1 \(dueReminder\)\n/);
  assert.match(mail.stdout, /\nTo: ana@example.com\nCc: bob@example.com\nSubject: Safety 101 is due 2026-03-15 \(reminder 1\)\n/);

  const done = await cli(['training', 'complete', 'ana', 'safety', '--as', 'ana'], ws.env);
  assert.equal(JSON.parse(done.stdout).nextActionAt, null);
  const listed = JSON.parse((await cli(['training', 'enrollments', '--as', 'bob'], ws.env)).stdout);
  assert.equal(listed[0].remindersSent, 1);
});
