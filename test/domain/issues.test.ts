/** Issues as people change them: last activity, references, deadlines, next checks. */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { helpDeskHarness, notifyUsers, type HelpDeskHarness } from '../support/help-desk.js';
import { addNote, createIssue, showIssue, updateIssue } from '../../src/domains/helpdesk/issues.js';
import { InputError, NotFoundError } from '../../src/errors.js';

const setup = {
  users: [
    { id: 'stan', name: 'Stan', email: 'stan@example.com', role: 'agent' },
    { id: 'tobias', name: 'Tobias', email: 'tobias@example.com', role: 'end user' },
  ],
  lookups: { priorities: ['Low', 'High'] },
  rules: [
    { name: 'Idle', processOrder: 1, interval: { hours: 2 }, after: 'lastActivity', actions: [notifyUsers('stan')] },
    {
      name: 'Overdue',
      processOrder: 2,
      interval: { minutes: 1 },
      after: 'submitted',
      conditions: [{ field: 'targetDatePassed', op: 'eq', value: true }, { field: 'escalationCount', op: 'lt', value: 1 }],
      actions: [{ type: 'setPriority', value: 'High' }],
    },
  ],
};

for (const dialect of TEST_DIALECTS) {
  describe(`issues [${dialect}]`, () => {
    let store: TestStore;
    let h: HelpDeskHarness;
    beforeEach(async () => {
      store = await openTestStore(dialect);
      h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load(setup);
    });
    afterEach(async () => {
      await store.close();
    });

    test('create: defaults, generated ids after imported numeric ids, last activity = submit', async () => {
      const a = await createIssue(h.ctx, { subject: 'First' });
      assert.equal(a.id, '1');
      assert.equal(a.status, 'open');
      assert.equal(a.clockStatus, 'running');
      assert.equal(a.submittedAt, Date.parse('2026-03-02T08:00:00Z'));
      assert.equal(a.lastActivityAt, a.submittedAt);
      assert.equal(a.nextCheckAt, Date.parse('2026-03-02T10:00:00Z'));
      await createIssue(h.ctx, { id: '500', subject: 'Imported', submittedAt: '2026-03-01T08:00:00Z' });
      assert.equal((await createIssue(h.ctx, { subject: 'Next' })).id, '501');
    });

    test('bad input names each field and leaves nothing behind', async () => {
      await assert.rejects(
        createIssue(h.ctx, { subject: '', priority: 'Urgent', assignedTo: 'ghost', targetDate: 'tomorrow', colour: 'red' }),
        (error: InputError) => {
          assert.deepEqual(error.problems.map((p) => p.field), ['subject', '']);
          return true;
        },
      );
      await assert.rejects(createIssue(h.ctx, { subject: 'S', priority: 'Urgent', assignedTo: 'ghost' }), (error: InputError) => {
        assert.deepEqual(error.problems, [
          { field: 'assignedTo', reason: 'unknown user "ghost"' },
          { field: 'priority', reason: '"Urgent" is not in the priorities list ("Low", "High")' },
        ]);
        return true;
      });
      await assert.rejects(createIssue(h.ctx, { subject: 'S', targetDate: 'tomorrow' }), /targetDate: "tomorrow" is not an ISO 8601 date-time/);
      assert.equal((await createIssue(h.ctx, { subject: 'ok' })).id, '1', 'no id was used up by the failures');
      await assert.rejects(updateIssue(h.ctx, '404', { priority: 'Low' }), NotFoundError);
    });

    test('updates and notes are activity; an escalation is not', async () => {
      await createIssue(h.ctx, { id: '9', subject: 'S', submitter: 'tobias' });
      await h.runAt('2026-03-02T10:00:00Z');
      assert.equal((await h.issue('9'))!.lastActivityAt, Date.parse('2026-03-02T08:00:00Z'));
      h.clock.set('2026-03-02T10:20:00Z');
      await addNote(h.ctx, '9', { text: 'Called back', visibility: 'public', author: 'stan' });
      let issue = await h.issue('9');
      assert.equal(issue!.lastActivityAt, Date.parse('2026-03-02T10:20:00Z'));
      assert.equal(issue!.nextCheckAt, Date.parse('2026-03-02T12:20:00Z'));
      h.clock.set('2026-03-02T11:00:00Z');
      await updateIssue(h.ctx, '9', { priority: 'Low' });
      issue = await h.issue('9');
      assert.equal(issue!.lastActivityAt, Date.parse('2026-03-02T11:00:00Z'));
      const shown = await showIssue(h.ctx, '9');
      assert.deepEqual(shown.notes.map((n) => [n.author, n.text]), [['stan', 'Called back']]);
      assert.deepEqual(shown.escalations.map((e) => [e.rule, e.at]), [['Idle', '2026-03-02T10:00:00.000Z']]);
    });

    test('a target date waits: the issue is due when the date passes, not before; a date alone passes at the next midnight', async () => {
      await createIssue(h.ctx, { id: '5', subject: 'S', targetDate: '2026-03-02' });
      const issue = await h.issue('5');
      assert.equal(issue!.targetDate, Date.parse('2026-03-03T00:00:00Z'));
      assert.equal(issue!.nextCheckAt, Date.parse('2026-03-02T10:00:00Z'), 'Idle comes first');
      await h.runAt('2026-03-02T10:00:00Z');
      // After Idle fired, Idle applies again right away; Overdue waits for midnight and escalationCount < 1 no longer holds.
      await updateIssue(h.ctx, '5', { targetDate: '2026-03-02T12:00:00Z' });
      await h.runAt('2026-03-02T10:15:00Z');
      assert.deepEqual((await h.escalations('5')).map((e) => e.ruleName), ['Idle']);
    });

    test('closing and reopening: closed issues are never due; reopening reschedules', async () => {
      await createIssue(h.ctx, { id: '3', subject: 'S' });
      await updateIssue(h.ctx, '3', { status: 'closed' });
      assert.equal((await h.issue('3'))!.nextCheckAt, null);
      await h.runAt('2026-03-02T12:00:00Z');
      assert.equal((await h.escalations('3')).length, 0);
      await updateIssue(h.ctx, '3', { status: 'open' });
      assert.equal((await h.issue('3'))!.nextCheckAt, Date.parse('2026-03-02T14:00:00Z'));
    });
  });
}
