/**
 * The issue document cache (serve): a document is served while the issue's stamp is unchanged, and
 * any change, made by this process or another one, is seen on the next read. "Another process" is
 * a second store on the same database (a second SQLite connection to the file, a second pool).
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DIALECTS, openSqliteFileStore, openTestStore } from '../support/stores.js';
import { helpDeskHarness, notifyUsers, type HelpDeskHarness } from '../support/help-desk.js';
import { addNote, createIssue, showIssue, updateIssue, type IssueView } from '../../src/domains/helpdesk/issues.js';
import { IssueDocumentCache } from '../../src/domains/helpdesk/issue-document-cache.js';
import { importRules, parseRuleDocuments, setRuleEnabled } from '../../src/domains/helpdesk/rules.js';
import { deferIssue, getIssue } from '../../src/storage/issues.js';
import type { Store } from '../../src/storage/store.js';
import { NotFoundError } from '../../src/errors.js';
import type { UserRecord } from '../../src/storage/users.js';
import { getUser } from '../../src/storage/users.js';

const setup = {
  users: [
    { id: 'stan', name: 'Stan', email: 'stan@example.com', role: 'agent' },
    { id: 'tobias', name: 'Tobias', email: 'tobias@example.com', role: 'end user' },
    { id: 'una', name: 'Una', email: 'una@example.com', role: 'end user' },
  ],
  lookups: { priorities: ['Low', 'High'] },
  rules: [
    {
      name: 'Idle',
      processOrder: 1,
      interval: { hours: 2 },
      after: 'lastActivity',
      actions: [
        { type: 'setPriority', value: 'High' },
        { type: 'addNote', text: 'Idle for two hours', visibility: 'private' },
        { type: 'addNote', text: 'We are on it', visibility: 'public' },
        notifyUsers('stan'),
      ],
    },
  ],
};

const twoProcessKinds = [
  ...(TEST_DIALECTS.includes('sqlite')
    ? [
        {
          name: 'sqlite file',
          open: async () => {
            const file = await openSqliteFileStore();
            return { store: file.store, reopen: file.reopen, cleanup: async () => file.cleanup() };
          },
        },
      ]
    : []),
  ...(TEST_DIALECTS.includes('postgres')
    ? [
        {
          name: 'postgres',
          open: async () => {
            const store = await openTestStore('postgres');
            return { store: store as Store, reopen: () => store.reopen(), cleanup: async () => {} };
          },
        },
      ]
    : []),
];

for (const kind of twoProcessKinds) {
  describe(`issue document cache [${kind.name}]`, () => {
    let server: HelpDeskHarness;
    let other: HelpDeskHarness;
    let stores: Store[];
    let cleanup: () => Promise<void>;
    let cache: IssueDocumentCache<IssueView>;
    let stan: UserRecord;
    let tobias: UserRecord;
    let una: UserRecord;

    beforeEach(async () => {
      const opened = await kind.open();
      const second = await opened.reopen();
      stores = [second, opened.store];
      cleanup = opened.cleanup;
      cache = new IssueDocumentCache<IssueView>(100);
      server = helpDeskHarness(opened.store, '2026-03-02T08:00:00Z');
      server.ctx.issueDocuments = cache;
      other = helpDeskHarness(second, '2026-03-02T08:00:00Z');
      await server.load(setup);
      await createIssue(server.ctx, { subject: 'Printer on fire', submitter: 'tobias' });
      const user = async (id: string) => (await getUser(opened.store.db, id))!;
      [stan, tobias, una] = [await user('stan'), await user('tobias'), await user('una')];
    });
    afterEach(async () => {
      for (const store of stores) await store.close();
      await cleanup();
    });

    /** What a fresh, uncached read in the other process shows. */
    const fresh = (actor: UserRecord) => showIssue(other.ctx, '1', actor);

    test('an unchanged issue is the same frozen document on every read', async () => {
      const first = await showIssue(server.ctx, '1', stan);
      const second = await showIssue(server.ctx, '1', stan);
      assert.equal(second, first);
      assert.ok(Object.isFrozen(first) && Object.isFrozen(first.notes));
      assert.deepEqual(first, await fresh(stan));
      assert.equal(cache.size, 1);
    });

    test('every kind of change made by another process is seen on the next read', async () => {
      const changes: [string, () => Promise<unknown>][] = [
        ['a field', () => updateIssue(other.ctx, '1', { subject: 'Printer still on fire' })],
        ['a note', () => addNote(other.ctx, '1', { text: 'Smoke everywhere', visibility: 'private' }, undefined, stan)],
        ['an escalation', () => other.runAt('2026-03-02T10:00:00Z')],
        ['a rule change (next check moved, no version bump)', () => setRuleEnabled(other.ctx, 'Idle', false)],
        ['a rule back (next check moved again)', () => setRuleEnabled(other.ctx, 'Idle', true)],
        ['a deferral', () => deferIssue(other.store.db, '1', Date.parse('2026-03-09T00:00:00Z'))],
        ['close', () => updateIssue(other.ctx, '1', { status: 'closed' })],
      ];
      for (const [what, change] of changes) {
        await showIssue(server.ctx, '1', stan);
        await showIssue(server.ctx, '1', tobias);
        await change();
        assert.deepEqual(await showIssue(server.ctx, '1', stan), await fresh(stan), `staff view after ${what}`);
        assert.deepEqual(await showIssue(server.ctx, '1', tobias), await fresh(tobias), `end-user view after ${what}`);
      }
      const shown = await showIssue(server.ctx, '1', stan);
      assert.equal(shown.status, 'closed');
      assert.equal(shown.escalations.length, 1);
      assert.deepEqual(
        shown.notes.map((n) => n.text),
        ['Smoke everywhere', 'Idle for two hours', 'We are on it'],
      );
    });

    test('a change made in this process is seen too', async () => {
      await showIssue(server.ctx, '1', stan);
      await updateIssue(server.ctx, '1', { priority: 'Low' });
      assert.equal((await showIssue(server.ctx, '1', stan)).priority, 'Low');
      await importRules(server.ctx, parseRuleDocuments([{ ...setup.rules[0], interval: { hours: 5 } }]).docs);
      const issue = (await getIssue(server.store, server.store.db, '1'))!;
      assert.equal((await showIssue(server.ctx, '1', stan)).nextCheckAt, new Date(issue.nextCheckAt!).toISOString());
    });

    test('an end user never gets the staff document, whatever was read first', async () => {
      await addNote(server.ctx, '1', { text: 'Internal only', visibility: 'private' }, undefined, stan);
      await addNote(server.ctx, '1', { text: 'Hello', visibility: 'public' }, undefined, stan);
      assert.deepEqual((await showIssue(server.ctx, '1', stan)).notes.map((n) => n.text), ['Internal only', 'Hello']);
      assert.deepEqual((await showIssue(server.ctx, '1', tobias)).notes.map((n) => n.text), ['Hello']);
      assert.deepEqual((await showIssue(server.ctx, '1', tobias)).notes.map((n) => n.text), ['Hello']);
      assert.deepEqual((await showIssue(server.ctx, '1', stan)).notes.map((n) => n.text), ['Internal only', 'Hello']);
      // Cached or not, an issue someone else submitted does not exist for an end user.
      await assert.rejects(showIssue(server.ctx, '1', una), NotFoundError);
      await assert.rejects(showIssue(server.ctx, 'missing', stan), NotFoundError);
    });
  });
}

describe('issue document cache, by itself', () => {
  const stamp = (version: number, nextCheckAt: number | null = null) => ({ version, nextCheckAt, submitter: 'tobias' });

  test('keeps the most recently read issues up to its capacity', () => {
    const cache = new IssueDocumentCache<object>(2);
    cache.set('1', stamp(1), 'staff', { n: 1 });
    cache.set('2', stamp(1), 'staff', { n: 2 });
    assert.deepEqual(cache.get('1', stamp(1), 'staff'), { n: 1 });
    cache.set('3', stamp(1), 'staff', { n: 3 });
    assert.equal(cache.get('2', stamp(1), 'staff'), undefined);
    assert.deepEqual(cache.get('1', stamp(1), 'staff'), { n: 1 });
    assert.deepEqual(cache.get('3', stamp(1), 'staff'), { n: 3 });
  });

  test('a document is only for its stamp and its audience', () => {
    const cache = new IssueDocumentCache<object>(10);
    cache.set('1', stamp(1, 100), 'staff', { v: 1 });
    assert.equal(cache.get('1', stamp(2, 100), 'staff'), undefined);
    assert.equal(cache.get('1', stamp(1, 200), 'staff'), undefined);
    assert.equal(cache.get('1', stamp(1, 100), 'public'), undefined);
    cache.set('1', stamp(1, 100), 'public', { v: 1, public: true });
    assert.deepEqual(cache.get('1', stamp(1, 100), 'staff'), { v: 1 });
    // A newer stamp replaces both audiences.
    cache.set('1', stamp(2, 100), 'staff', { v: 2 });
    assert.equal(cache.get('1', stamp(2, 100), 'public'), undefined);
    assert.equal(cache.get('1', stamp(1, 100), 'public'), undefined);
  });

  test('the stamp is known without a read only while the data version is the one it was checked at', () => {
    const cache = new IssueDocumentCache<object>(10);
    cache.set('1', stamp(1), 'staff', { v: 1 }, 7);
    assert.deepEqual(cache.unchangedStamp('1', 7), stamp(1));
    assert.equal(cache.unchangedStamp('1', 8), undefined);
    assert.equal(cache.unchangedStamp('1', undefined), undefined);
    assert.equal(cache.unchangedStamp('2', 7), undefined);
    // Found current again at a later version (the stamp was read after taking 9).
    assert.deepEqual(cache.get('1', stamp(1), 'staff', 9), { v: 1 });
    assert.deepEqual(cache.unchangedStamp('1', 9), stamp(1));
    assert.equal(cache.unchangedStamp('1', 7), undefined);
  });

  test('capacity 0 keeps nothing', () => {
    const cache = new IssueDocumentCache<object>(0);
    assert.deepEqual(cache.set('1', stamp(1), 'staff', { v: 1 }), { v: 1 });
    assert.equal(cache.get('1', stamp(1), 'staff'), undefined);
    assert.equal(cache.size, 0);
  });
});
