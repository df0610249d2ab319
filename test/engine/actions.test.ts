/** Every action, recipient resolution and the one-transaction guarantee, on both dialects. */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { helpDeskHarness, notifyUsers } from '../support/help-desk.js';
import { readIssueNotes } from '../../src/storage/notes.js';
import { listEmails } from '../../src/storage/outbox.js';
import type { Store } from '../../src/storage/store.js';

const setup = {
  users: [
    { id: 'stan', name: 'Stan Sitwell', email: 'stan@example.com', role: 'agent' },
    { id: 'michael', name: 'Michael Bluth', email: 'Michael@Example.com', role: 'agent' },
    { id: 'gob', name: 'Gob Bluth', email: 'gob@example.com', role: 'agent', active: false },
    { id: 'buster', name: 'Buster Bluth', email: null, role: 'agent' },
    { id: 'tobias', name: 'Tobias Fünke', email: 'tobias@example.com', role: 'end user' },
  ],
  lookups: { priorities: ['Low', 'High', 'Critical'], substatuses: ['New', 'Waiting'] },
  lists: [
    {
      id: 'ops',
      members: [
        { email: 'ops@example.com', notifyOnEscalate: true },
        { user: 'stan', notifyOnEscalate: true },
        { user: 'michael', notifyOnEscalate: false },
      ],
    },
    { id: 'managers', members: [{ email: 'boss@example.com' }, { user: 'michael' }] },
  ],
  issues: [{ id: '7', subject: 'Broken chair', submittedAt: '2026-03-02T08:00:00Z', priority: 'Low', substatus: 'New', submitter: 'tobias', assignedTo: 'stan' }],
};

const ruleWith = (actions: unknown[]) => ({ name: 'R', processOrder: 1, interval: { hours: 1 }, after: 'submitted', actions });

/** Fails any INSERT into `table`: a crash in the middle of an escalation, without touching engine code. */
class FailInsertInto implements KyselyPlugin {
  constructor(private readonly table: string) {}
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    if (node.kind === 'InsertQueryNode' && JSON.stringify(node.into).includes(`"${this.table}"`)) throw new Error(`simulated crash writing ${this.table}`);
    return node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

for (const dialect of TEST_DIALECTS) {
  describe(`actions [${dialect}]`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(async () => {
      await store.close();
    });

    test('assign, setPriority, setSubstatus, addNote with placeholders, in order; changes hold before/after', async () => {
      const h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({
        ...setup,
        rules: [
          ruleWith([
            { type: 'assign', to: 'michael' },
            { type: 'setPriority', value: 'Critical' },
            { type: 'setSubstatus', value: 'Waiting' },
            { type: 'addNote', visibility: 'private', text: 'Escalated {{issue.id}} ({{issue.subject}}) by {{rule.name}}, #{{escalation.count}}' },
            { type: 'addNote', visibility: 'public', text: 'We are on it.' },
          ]),
        ],
      });
      await h.runAt('2026-03-02T09:00:00Z');
      const [e] = await h.escalations('7');
      assert.deepEqual(e!.changes, { priority: ['Low', 'Critical'], substatus: ['New', 'Waiting'], assignedTo: ['stan', 'michael'] });
      assert.deepEqual(e!.notes, [
        { visibility: 'private', text: 'Escalated 7 (Broken chair) by R, #1' },
        { visibility: 'public', text: 'We are on it.' },
      ]);
      const notes = await readIssueNotes(store, '7');
      assert.deepEqual(notes.map((n) => [n.visibility, n.author, n.escalationId]), [['private', null, e!.id], ['public', null, e!.id]]);
      const issue = await h.issue('7');
      assert.equal(issue!.lastActivityAt, Date.parse('2026-03-02T08:00:00Z'), 'escalation changes are not activity');
      assert.equal(issue!.escalationCount, 1);
    });

    test('assign null unassigns; setting a value already there records no change', async () => {
      const h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({ ...setup, rules: [ruleWith([{ type: 'assign', to: null }, { type: 'setPriority', value: 'Low' }])] });
      await h.runAt('2026-03-02T09:00:00Z');
      const [e] = await h.escalations('7');
      assert.deepEqual(e!.changes, { assignedTo: ['stan', null] });
    });

    test('close closes the issue and it never escalates again', async () => {
      const h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({ ...setup, rules: [ruleWith([{ type: 'close' }])] });
      await h.runAt('2026-03-02T09:00:00Z');
      await h.runAt('2026-03-02T09:15:00Z');
      const history = await h.escalations('7');
      assert.equal(history.length, 1);
      assert.deepEqual(history[0]!.changes, { status: ['open', 'closed'] });
      const issue = await h.issue('7');
      assert.equal(issue!.status, 'closed');
      assert.equal(issue!.nextCheckAt, null);
    });

    test('notify: users, lists, emails, assignee and submitter, plus flagged list members; de-duplicated; unreachable targets recorded', async () => {
      const h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({
        ...setup,
        issues: [{ ...setup.issues[0], distributionList: 'ops' }],
        rules: [
          ruleWith([
            { type: 'notify', users: ['stan', 'gob', 'buster'], lists: ['managers'], emails: ['STAN@example.com', 'ext@example.org'], recipients: ['assignee', 'submitter'] },
          ]),
        ],
      });
      await h.runAt('2026-03-02T09:00:00Z');
      const [e] = await h.escalations('7');
      assert.deepEqual(e!.recipients, ['Michael@Example.com', 'boss@example.com', 'ext@example.org', 'ops@example.com', 'stan@example.com', 'tobias@example.com']);
      assert.deepEqual(e!.skipped, [
        { target: 'user:gob', reason: 'user "gob" is inactive' },
        { target: 'user:buster', reason: 'user "buster" has no email address' },
      ]);
      const mail = await h.mail();
      assert.deepEqual(mail.map((m) => m.to[0]), e!.recipients, 'one email per recipient, each exactly once');
    });

    test('private notes reach agents only; end users and bare addresses get the public ones', async () => {
      const h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({
        ...setup,
        rules: [
          ruleWith([
            { type: 'addNote', visibility: 'private', text: 'internal: customer is difficult' },
            { type: 'addNote', visibility: 'public', text: 'We are on it.' },
            { type: 'notify', emails: ['ext@example.org'], recipients: ['assignee', 'submitter'] },
          ]),
        ],
      });
      await h.runAt('2026-03-02T09:00:00Z');
      const mail = await h.mail();
      const body = (to: string) => mail.find((m) => m.to[0] === to)!.body;
      assert.match(body('stan@example.com'), /\[private\] internal: customer is difficult/);
      for (const outsider of ['tobias@example.com', 'ext@example.org']) {
        assert.doesNotMatch(body(outsider), /customer is difficult/);
        assert.match(body(outsider), /\[public\] We are on it\./);
      }
    });

    test('a missing assignee is recorded, not silently dropped', async () => {
      const h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({ ...setup, issues: [{ ...setup.issues[0], assignedTo: null }], rules: [ruleWith([{ type: 'notify', recipients: ['assignee'] }])] });
      await h.runAt('2026-03-02T09:00:00Z');
      const [e] = await h.escalations('7');
      assert.deepEqual(e!.recipients, []);
      assert.deepEqual(e!.skipped, [{ target: 'assignee', reason: 'the issue has no assignee' }]);
    });

    test('all or nothing: a crash while queueing mail leaves no escalation, note, change or count behind', async () => {
      const h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({
        ...setup,
        rules: [ruleWith([{ type: 'setPriority', value: 'Critical' }, { type: 'addNote', visibility: 'public', text: 'x' }, notifyUsers('stan')])],
      });
      const crashing: Store = { ...store, db: store.db.withPlugin(new FailInsertInto('outbox')) };
      const broken = helpDeskHarness(crashing, '2026-03-02T08:00:00Z');
      const run = await broken.runAt('2026-03-02T09:00:00Z');
      assert.equal(run.escalations, 0);
      assert.equal((await h.escalations('7')).length, 0);
      assert.equal((await readIssueNotes(store, '7')).length, 0);
      assert.equal((await listEmails(store.db)).length, 0);
      const issue = await h.issue('7');
      assert.equal(issue!.priority, 'Low');
      assert.equal(issue!.escalationCount, 0);
      assert.equal(issue!.nextCheckAt, Date.parse('2026-03-02T09:00:00.001Z'), 'deferred to the next run, not lost');
      // The next run, without the fault, escalates it whole.
      await h.runAt('2026-03-02T09:15:00Z');
      const [e] = await h.escalations('7');
      assert.deepEqual(e!.changes, { priority: ['Low', 'Critical'] });
      assert.equal((await listEmails(store.db)).length, 1);
    });
  });
}
