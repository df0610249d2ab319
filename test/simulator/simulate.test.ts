import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { simulate } from '../../src/simulator/simulate.js';
import { formatJsonLines, formatTable } from '../../src/simulator/format.js';
import { InputError } from '../../src/errors.js';

const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

for (const name of ['rule-a', 'rule-b', 'rule-x-y']) {
  test(`examples/${name}.json prints exactly examples/${name}.expected.jsonl`, async () => {
    const result = await simulate(read(`examples/${name}.json`));
    assert.equal(formatJsonLines(result), fs.readFileSync(`examples/${name}.expected.jsonl`, 'utf8'));
  });
}

test('the documented line for Rule A at run 9', async () => {
  const result = await simulate(read('examples/rule-a.json'));
  assert.equal(
    JSON.stringify(result.escalations[0]),
    '{"at":"2026-03-02T10:00:00.000Z","run":9,"issue":"1001","rule":"Rule A","escalationCount":1,"changes":{},"notes":[],"recipients":["ops@example.com","stan@example.com"],"closed":false}',
  );
});

const scenario = {
  start: '2026-03-02T08:00:00Z',
  until: '2026-03-02T10:00:00Z',
  taskRate: { minutes: 30 },
  users: [{ id: 'stan', name: 'Stan', email: 'stan@example.com', role: 'agent' }],
  rules: [
    {
      name: 'Close stale',
      processOrder: 1,
      interval: { minutes: 30 },
      after: 'lastActivity',
      actions: [{ type: 'addNote', visibility: 'public', text: 'Closing {{issue.id}} after {{escalation.count}} escalation(s).' }, { type: 'close' }, { type: 'notify', users: ['stan'] }],
    },
  ],
  issues: [
    { id: 'early', subject: 'Early', submittedAt: '2026-03-02T08:00:00Z' },
    { id: 'late', subject: 'Late', submittedAt: '2026-03-02T09:10:00Z' },
  ],
  events: [{ at: '2026-03-02T08:20:00Z', issue: 'early', note: { text: 'still here' } }],
};

test('close marks closed; issues submitted later appear at their submit time; events are activity', async () => {
  const result = await simulate(scenario);
  assert.equal(result.runs, 5);
  assert.deepEqual(
    result.escalations.map((e) => [e.at.slice(11, 16), e.run, e.issue, e.closed, e.changes, e.notes[0]!.text]),
    [
      ['09:00', 3, 'early', true, { status: ['open', 'closed'] }, 'Closing early after 1 escalation(s).'],
      ['10:00', 5, 'late', true, { status: ['open', 'closed'] }, 'Closing late after 1 escalation(s).'],
    ],
  );
  assert.equal(
    formatTable(result),
    [
      'AT                 RUN  ISSUE  RULE         COUNT  CHANGES                         RECIPIENTS',
      '2026-03-02 09:00Z  3    early  Close stale  1      status: open -> closed, 1 note  stan@example.com',
      '2026-03-02 10:00Z  5    late   Close stale  1      status: open -> closed, 1 note  stan@example.com',
      '2 escalations in 5 runs',
      '',
    ].join('\n'),
  );
});

test('scenario errors name the field', async () => {
  await assert.rejects(simulate({ ...scenario, events: [{ at: '2026-03-02T08:20:00Z', issue: 'nope', close: true }] }, 's.json'), (error: InputError) => {
    assert.equal(error.message, 's.json: events[0].issue: no issue "nope" in "issues"');
    return true;
  });
  await assert.rejects(simulate({ ...scenario, until: '2026-03-01T00:00:00Z' }), /until: "until" must not be before "start"/);
  await assert.rejects(
    simulate({ ...scenario, events: [{ at: '2026-03-02T08:20:00Z', issue: 'early', set: { assignedTo: 'ghost' } }] }),
    /events\[0\]\.assignedTo: unknown user "ghost"/,
  );
});

for (const name of ['training-seed', 'training-compliance']) {
  test(`examples/${name}.json prints exactly examples/${name}.expected.jsonl`, async () => {
    const result = await simulate(read(`examples/${name}.json`));
    assert.equal(formatJsonLines(result), fs.readFileSync(`examples/${name}.expected.jsonl`, 'utf8'));
  });
}

test("the seed's training example: email 1 to the learner alone, emails 2 and 3 CC lenny@", async () => {
  const result = await simulate(read('examples/training-seed.json'));
  assert.deepEqual(
    result.lines.map((l) => JSON.stringify(l)),
    [
      '{"at":"2026-03-12T09:00:00.000Z","run":274,"kind":"dueReminder","course":"safety","learner":"ana","cycle":1,"reminder":1,"to":["ana@example.com"],"cc":[],"skipped":[]}',
      '{"at":"2026-03-14T09:00:00.000Z","run":322,"kind":"dueReminder","course":"safety","learner":"ana","cycle":1,"reminder":2,"to":["ana@example.com"],"cc":["lenny@example.com"],"skipped":[]}',
      '{"at":"2026-03-16T09:00:00.000Z","run":370,"kind":"dueReminder","course":"safety","learner":"ana","cycle":1,"reminder":3,"to":["ana@example.com"],"cc":["lenny@example.com"],"skipped":[]}',
    ],
  );
});

test('one file with both sides: help-desk and training lines in run order; training events apply', async () => {
  const training = read('examples/training-seed.json');
  const helpDesk = read('examples/rule-a.json');
  const result = await simulate({
    ...training,
    start: '2026-03-12T08:00:00Z',
    until: '2026-03-14T12:00:00Z',
    taskRate: { minutes: 30 },
    users: [...training.users, ...helpDesk.users],
    lists: helpDesk.lists,
    lookups: helpDesk.lookups,
    rules: helpDesk.rules,
    issues: [{ ...helpDesk.issues[0], submittedAt: '2026-03-12T07:00:00Z' }],
    events: [
      { at: '2026-03-12T09:10:00Z', issue: '1001', close: true },
      { at: '2026-03-13T15:00:00Z', complete: { learner: 'ana', course: 'safety' } },
    ],
  });
  assert.deepEqual(
    result.lines.map((l) => [l.at.slice(5, 16), l.run, 'rule' in l ? l.rule : `${l.kind} #${l.reminder}`]),
    [
      ['03-12T09:00', 3, 'Rule A'],
      ['03-12T09:00', 3, 'dueReminder #1'],
    ],
  );
  assert.match(formatTable(result), /1 escalation, 1 training email in 105 runs\n$/);
});

test('training scenario errors name the field', async () => {
  const training = read('examples/training-seed.json');
  await assert.rejects(
    simulate({ ...training, events: [{ at: '2026-03-13T15:00:00Z', complete: { learner: 'ana' } }] }, 't.json'),
    /t\.json: events\[0\]\.complete\.course: /,
  );
  await assert.rejects(
    simulate({ ...training, events: [{ at: '2026-03-13T15:00:00Z', complete: { learner: 'zoe', course: 'safety' } }] }, 't.json'),
    /t\.json: events\[0\]\.learner: unknown user "zoe"/,
  );
  await assert.rejects(simulate({ ...training, courses: [{ ...training.courses[0], reminders: null }] }, 't.json'), /t\.json: courses\[0\]\.escalations\.enabled: escalations need/);
});
