/**
 * "Cost grows with due work, not with stored work": with 100,000 open issues of which 10 are due,
 * a run reads exactly those 10, through an index range scan.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { helpDeskHarness, notifyUsers } from '../support/help-desk.js';
import { insertOpenIssues } from '../support/bulk.js';
import { explainDueIssues } from '../../src/storage/due-issues.js';

for (const dialect of TEST_DIALECTS) {
  describe(`cost of a run [${dialect}]`, () => {
    let store: TestStore;
    const T = Date.parse('2026-03-02T12:00:00Z');
    before(async () => {
      store = await openTestStore(dialect);
      const h = helpDeskHarness(store, '2026-03-01T00:00:00Z');
      await h.load({
        users: [{ id: 'stan', name: 'Stan', email: 'stan@example.com', role: 'agent' }],
        rules: [{ name: 'R', processOrder: 1, interval: { hours: 1 }, after: 'submitted', conditions: [{ field: 'priority', op: 'eq', value: 'High' }], actions: [notifyUsers('stan')] }],
      });
      await insertOpenIssues(store, 100_000, { due: 10, dueBy: T });
    });
    after(async () => {
      await store.close();
    });

    test('100,000 open issues, 10 due: the run evaluates exactly 10', async () => {
      const h = helpDeskHarness(store, '2026-03-02T12:00:00Z');
      const run = await h.runAt('2026-03-02T12:00:00Z');
      assert.equal(run.issuesChecked, 10);
      assert.equal(run.escalations, 10);
      const next = await h.runAt('2026-03-02T12:15:00Z');
      assert.equal(next.issuesChecked, 10, 'the same 10 still match and are due again; the other 99,990 stay untouched');
    });

    test('the due read is an index range scan on issues_due_idx', async () => {
      const plan = await explainDueIssues(store, T);
      if (dialect === 'sqlite') assert.match(plan, /SEARCH issues USING (COVERING )?INDEX issues_due_idx \((next_check_at>\? AND )?next_check_at<\?\)/);
      else assert.match(plan, /Index (Only )?Scan using issues_due_idx on issues/);
      assert.doesNotMatch(plan, /SCAN issues\b(?! USING)|Seq Scan/);
    });
  });
}
