/**
 * The worked examples of the help-desk seed document, reproduced exactly, on both dialects:
 * Rule A, Rule B, and Rule X / Rule Y with issue #12345, under a 15-minute task rate.
 */
import { afterEach, beforeEach, describe, test } from "node:test";
import assert from 'node:assert/strict';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { everyMinutes, helpDeskHarness, notifyUsers } from '../support/help-desk.js';

const people = [
  { id: 'stan', name: 'Stan Sitwell', email: 'stan@example.com', role: 'agent' },
  { id: 'steve', name: 'Steve Anderson', email: 'steve@example.com', role: 'agent' },
  { id: 'michael', name: 'Michael Bluth', email: 'michael@example.com', role: 'agent' },
  { id: 'tobias', name: 'Tobias Fünke', email: 'tobias@example.com', role: 'end user' },
];

for (const dialect of TEST_DIALECTS) {
  describe(`seed examples [${dialect}]`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(async () => {
      await store.close();
    });

    test('Rule A notifies Stan (and flagged list members) at every run from 2 hours after submit while the issue is open', async () => {
      const h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({
        users: people,
        lists: [{ id: 'ops', members: [{ email: 'ops@example.com', notifyOnEscalate: true }, { user: 'steve', notifyOnEscalate: false }] }],
        rules: [{ name: 'Rule A', processOrder: 1, interval: { hours: 2 }, after: 'submitted', actions: [notifyUsers('stan')] }],
        issues: [{ id: 'A1', subject: 'Printer on fire', submittedAt: '2026-03-02T08:00:00Z', distributionList: 'ops' }],
      });
      const fired: string[] = [];
      for (const at of everyMinutes('2026-03-02T08:00:00Z', '2026-03-02T12:00:00Z', 15)) {
        if (at === '2026-03-02T11:15:00.000Z') {
          const { updateIssue } = await import('../../src/domains/helpdesk/issues.js');
          h.clock.set('2026-03-02T11:10:00Z');
          await updateIssue(h.ctx, 'A1', { status: 'closed' });
        }
        const run = await h.runAt(at);
        if (run.escalations > 0) fired.push(at.slice(11, 16));
      }
      assert.deepEqual(fired, ['10:00', '10:15', '10:30', '10:45', '11:00']);
      const history = await h.escalations('A1');
      assert.deepEqual(history.map((e) => [e.ruleName, e.escalationCount, e.recipients]), [
        ['Rule A', 1, ['ops@example.com', 'stan@example.com']],
        ['Rule A', 2, ['ops@example.com', 'stan@example.com']],
        ['Rule A', 3, ['ops@example.com', 'stan@example.com']],
        ['Rule A', 4, ['ops@example.com', 'stan@example.com']],
        ['Rule A', 5, ['ops@example.com', 'stan@example.com']],
      ]);
      const mail = await h.mail();
      assert.equal(mail.length, 10);
      assert.deepEqual(mail[0]!.to, ['ops@example.com']);
      assert.deepEqual(mail[1]!.to, ['stan@example.com']);
      assert.equal(mail[1]!.subject, '[Escalation] #A1 Printer on fire (Rule A)');
    });

    test('Rule B fires once, and again only after the substatus goes back to 1st Attempt', async () => {
      const h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({
        users: people,
        lookups: {
          issueTypes: ['Service', 'Incident'],
          subtypes1: ['Request', 'Repair'],
          substatuses: ['Pending User Response-1st Attempt', 'Pending User Response-2nd Attempt'],
        },
        rules: [
          {
            name: 'Rule B',
            processOrder: 1,
            interval: { days: 5 },
            after: 'lastActivity',
            conditions: [
              { field: 'issueType', op: 'eq', value: 'Service' },
              { field: 'subtype1', op: 'eq', value: 'Request' },
              { field: 'substatus', op: 'eq', value: 'Pending User Response-1st Attempt' },
            ],
            actions: [
              { type: 'addNote', visibility: 'public', text: 'We have not heard back from you on this service request. Please let us know what day and time we can perform your service.' },
              { type: 'setSubstatus', value: 'Pending User Response-2nd Attempt' },
              { type: 'notify', recipients: ['submitter'] },
            ],
          },
        ],
        issues: [
          {
            id: 'B1',
            subject: 'Install a second monitor',
            submittedAt: '2026-03-02T08:00:00Z',
            issueType: 'Service',
            subtype1: 'Request',
            substatus: 'Pending User Response-1st Attempt',
            submitter: 'tobias',
          },
        ],
      });
      // Five days to the minute: not at 07:45 on the 7th, at 08:00.
      await h.runAt('2026-03-07T07:45:00Z');
      assert.equal((await h.escalations('B1')).length, 0);
      await h.runAt('2026-03-07T08:00:00Z');
      let history = await h.escalations('B1');
      assert.equal(history.length, 1);
      assert.deepEqual(history[0]!.changes, { substatus: ['Pending User Response-1st Attempt', 'Pending User Response-2nd Attempt'] });
      assert.deepEqual(history[0]!.recipients, ['tobias@example.com']);
      // Its own change ends it: nothing for days, and the note did not reset last activity.
      for (const at of everyMinutes('2026-03-07T08:15:00Z', '2026-03-09T08:00:00Z', 60 * 6)) await h.runAt(at);
      assert.equal((await h.escalations('B1')).length, 1);
      const issue = await h.issue('B1');
      assert.equal(issue!.lastActivityAt, Date.parse('2026-03-02T08:00:00Z'));
      assert.equal(issue!.nextCheckAt, null);

      const { updateIssue } = await import('../../src/domains/helpdesk/issues.js');
      h.clock.set('2026-03-09T10:00:00Z');
      await updateIssue(h.ctx, 'B1', { substatus: 'Pending User Response-1st Attempt' });
      await h.runAt('2026-03-14T09:45:00Z');
      assert.equal((await h.escalations('B1')).length, 1);
      await h.runAt('2026-03-14T10:00:00Z');
      history = await h.escalations('B1');
      assert.equal(history.length, 2);
      assert.equal(history[1]!.at, Date.parse('2026-03-14T10:00:00Z'));
      const mail = await h.mail();
      assert.equal(mail.length, 2);
      assert.match(mail[0]!.body, /\[public\] We have not heard back from you on this service request\./);
    });

    test('issue #12345: Rule X (order 17) notifies Steve each run from 2 h; at 4 h Rule Y (order 16) fires instead; then neither', async () => {
      const h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({
        users: people,
        lookups: { priorities: ['Low', 'Medium', 'High', 'Critical'] },
        rules: [
          {
            name: 'Rule X',
            processOrder: 17,
            interval: { hours: 2 },
            after: 'lastActivity',
            conditions: [{ field: 'priority', op: 'eq', value: 'High' }],
            actions: [notifyUsers('steve')],
          },
          {
            name: 'Rule Y',
            processOrder: 16,
            interval: { hours: 4 },
            after: 'lastActivity',
            conditions: [{ field: 'priority', op: 'eq', value: 'High' }],
            actions: [{ type: 'setPriority', value: 'Critical' }, { type: 'assign', to: 'michael' }, notifyUsers('steve')],
          },
        ],
        issues: [{ id: '12345', subject: 'VPN down', submittedAt: '2026-03-02T08:00:00Z', priority: 'High', submitter: 'tobias' }],
      });
      for (const at of everyMinutes('2026-03-02T08:00:00Z', '2026-03-02T16:00:00Z', 15)) await h.runAt(at);
      const history = await h.escalations('12345');
      assert.deepEqual(
        history.map((e) => [new Date(e.at).toISOString().slice(11, 16), e.ruleName]),
        [
          ['10:00', 'Rule X'], ['10:15', 'Rule X'], ['10:30', 'Rule X'], ['10:45', 'Rule X'],
          ['11:00', 'Rule X'], ['11:15', 'Rule X'], ['11:30', 'Rule X'], ['11:45', 'Rule X'],
          ['12:00', 'Rule Y'],
        ],
      );
      assert.deepEqual(history[8]!.changes, { priority: ['High', 'Critical'], assignedTo: [null, 'michael'] });
      assert.deepEqual(history[8]!.recipients, ['steve@example.com']);
      const issue = await h.issue('12345');
      assert.equal(issue!.priority, 'Critical');
      assert.equal(issue!.assignedTo, 'michael');
      assert.equal(issue!.escalationCount, 9);
      assert.equal(issue!.nextCheckAt, null);
    });
  });
}
