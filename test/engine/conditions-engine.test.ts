/**
 * Every condition field and op through the whole engine — rule stored as JSON, issue stored,
 * a run at T — on both dialects: the issue that matches escalates, the one that does not, does not.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { helpDeskHarness, type HelpDeskHarness } from '../support/help-desk.js';
import { importRules, parseRuleDocuments } from '../../src/domains/helpdesk/rules.js';
import { createIssue, updateIssue } from '../../src/domains/helpdesk/issues.js';

type Case = [field: string, op: string, value: unknown, matching: Record<string, unknown>, other: Record<string, unknown>];

const CASES: Case[] = [
  ['priority', 'eq', 'High', { priority: 'High' }, { priority: 'Low' }],
  ['priority', 'neq', 'High', { priority: 'Low' }, { priority: 'High' }],
  ['priority', 'in', ['High', 'Critical'], { priority: 'Critical' }, { priority: 'Low' }],
  ['priority', 'notIn', ['High', 'Critical'], { priority: 'Low' }, { priority: 'High' }],
  ['substatus', 'eq', null, {}, { substatus: 'Waiting' }],
  ['clockStatus', 'eq', 'paused', { clockStatus: 'paused' }, { clockStatus: 'running' }],
  ['issueType', 'eq', 'Service', { issueType: 'Service' }, { issueType: 'Incident' }],
  ['subtype1', 'eq', 'Request', { subtype1: 'Request' }, {}],
  ['subtype2', 'in', ['A'], { subtype2: 'A' }, { subtype2: 'B' }],
  ['subtype3', 'notIn', ['A'], { subtype3: 'B' }, { subtype3: 'A' }],
  ['subtype4', 'neq', 'A', { subtype4: 'B' }, { subtype4: 'A' }],
  ['organization', 'eq', 'Acme', { organization: 'Acme' }, { organization: 'Initech' }],
  ['department', 'eq', 'IT', { department: 'IT' }, { department: 'HR' }],
  ['location', 'eq', 'Lisbon', { location: 'Lisbon' }, { location: 'Porto' }],
  ['project', 'eq', 'Rollout', { project: 'Rollout' }, {}],
  ['assigned', 'eq', true, { assignedTo: 'stan' }, {}],
  ['assigned', 'neq', true, {}, { assignedTo: 'stan' }],
  ['assignedTo', 'eq', 'stan', { assignedTo: 'stan' }, { assignedTo: 'kitty' }],
  ['assignedTo', 'in', ['kitty', null], {}, { assignedTo: 'stan' }],
  // Deadlines as milliseconds relative to the run: -1 h has passed, +1 day has not, 0 passes at the run itself.
  ['targetDatePassed', 'eq', true, { targetDate: -3_600_000 }, { targetDate: 86_400_000 }],
  ['targetDatePassed', 'eq', true, { targetDate: 0 }, { targetDate: 1 }],
  ['targetDatePassed', 'eq', false, { targetDate: 86_400_000 }, { targetDate: -3_600_000 }],
  ['requiredByDatePassed', 'eq', true, { requiredByDate: -60_000 }, {}],
  ['requiredByDatePassed', 'neq', true, {}, { requiredByDate: -60_000 }],
  ['escalationCount', 'eq', 0, {}, { escalationCount: 1 }],
  ['escalationCount', 'neq', 0, { escalationCount: 2 }, {}],
  ['escalationCount', 'gt', 1, { escalationCount: 2 }, { escalationCount: 1 }],
  ['escalationCount', 'gte', 1, { escalationCount: 1 }, {}],
  ['escalationCount', 'lt', 1, {}, { escalationCount: 1 }],
  ['escalationCount', 'lte', 1, { escalationCount: 1 }, { escalationCount: 2 }],
  ['escalationCount', 'in', [2, 3], { escalationCount: 3 }, { escalationCount: 1 }],
  ['escalationCount', 'notIn', [2, 3], { escalationCount: 1 }, { escalationCount: 2 }],
];

for (const dialect of TEST_DIALECTS) {
  describe(`every condition field and op through a run [${dialect}]`, () => {
    let store: TestStore;
    let h: HelpDeskHarness;
    before(async () => {
      store = await openTestStore(dialect);
      h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load({
        users: [
          { id: 'stan', name: 'Stan', email: 'stan@example.com', role: 'agent' },
          { id: 'kitty', name: 'Kitty', email: 'kitty@example.com', role: 'agent' },
        ],
      });
    });
    after(async () => {
      await store.close();
    });

    test(`${CASES.length} field/op cases: the matching issue escalates, the other does not`, async () => {
      for (const [n, [field, op, value, matching, other]] of CASES.entries()) {
        const label = `${field} ${op} ${JSON.stringify(value)}`;
        h.clock.set(Date.parse('2026-03-02T08:00:00Z') + n * 86_400_000);
        const start = h.clock.now();
        const { docs } = parseRuleDocuments({ name: 'Case', processOrder: 1, interval: { minutes: 30 }, after: 'submitted', conditions: [{ field, op, value }], actions: [{ type: 'close' }] });
        await importRules(h.ctx, docs, { replace: true });
        const runAt = start + 3_600_000;
        const fields = (f: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(f).map(([k, v]) => [k, /Date$/.test(k) ? new Date(runAt + (v as number)).toISOString() : v]));
        await createIssue(h.ctx, { id: `m${n}`, subject: label, submittedAt: new Date(start).toISOString(), ...fields(matching) });
        await createIssue(h.ctx, { id: `o${n}`, subject: label, submittedAt: new Date(start).toISOString(), ...fields(other) });
        await h.runAt(runAt);
        assert.equal((await h.issue(`m${n}`))!.status, 'closed', `${label}: the matching issue escalated`);
        assert.equal((await h.issue(`o${n}`))!.status, 'open', `${label}: the other did not`);
        await updateIssue(h.ctx, `o${n}`, { status: 'closed' });
      }
    });
  });
}
