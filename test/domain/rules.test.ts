/** Rule documents: validation that names field and reason, process orders, and rule changes rescheduling issues. */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { helpDeskHarness, notifyUsers, type HelpDeskHarness } from '../support/help-desk.js';
import { exportRules, importRules, loadRules, moveRule, parseRuleDocuments, setRuleEnabled, deleteRule } from '../../src/domains/helpdesk/rules.js';
import { InputError } from '../../src/errors.js';

const base = {
  users: [{ id: 'stan', name: 'Stan', email: 'stan@example.com', role: 'agent' }],
  lists: [{ id: 'ops', members: [] }],
  lookups: { priorities: ['Low', 'High', 'Critical'] },
};
const rule = (name: string, processOrder?: number, extra: object = {}) => ({
  name,
  ...(processOrder === undefined ? {} : { processOrder }),
  interval: { hours: 2 },
  after: 'lastActivity',
  conditions: [],
  actions: [notifyUsers('stan')],
  ...extra,
});

async function problemsOf(work: () => Promise<unknown>): Promise<{ field: string; reason: string }[]> {
  try {
    await work();
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  assert.fail('expected an InputError');
}

describe('rule documents: shape errors name the field and the reason', () => {
  const parse = (input: unknown) => problemsOf(async () => parseRuleDocuments(input, 'rules.json'));

  test('unknown field, unknown op, no actions, zero interval, unknown action, bad after', async () => {
    assert.deepEqual(
      await parse([
        { name: 'A', interval: { hours: 0 }, after: 'lastActivity', conditions: [{ field: 'prio', op: 'eq', value: 'High' }], actions: [] },
        { name: 'B', interval: { hours: 1 }, after: 'whenever', conditions: [{ field: 'priority', op: 'like', value: 'H' }], actions: [{ type: 'explode' }] },
      ]),
      [
        { field: '[0].interval', reason: 'interval must be longer than zero' },
        { field: '[0].conditions[0].field', reason: 'unknown field; expected one of priority, substatus, clockStatus, issueType, subtype1, subtype2, subtype3, subtype4, organization, department, location, project, escalationCount, assigned, assignedTo, targetDatePassed, requiredByDatePassed' },
        { field: '[0].actions', reason: 'a rule needs at least one action' },
        { field: '[1].after', reason: 'after must be "submitted" or "lastActivity"' },
        { field: '[1].conditions[0].op', reason: 'unknown op; expected one of eq, neq, in, notIn, gt, gte, lt, lte' },
        { field: '[1].actions[0].type', reason: 'unknown action type; expected one of assign, setPriority, setSubstatus, addNote, notify, close' },
      ],
    );
  });

  test('a notify that names no one, an unknown key', async () => {
    assert.deepEqual(await parse({ rules: [rule('A', 1, { actions: [{ type: 'notify' }], colour: 'red' })] }), [
      { field: 'rules[0].actions[0]', reason: 'notify names no one: give users, lists, emails or recipients' },
      { field: 'rules[0]', reason: 'Unrecognized key: "colour"' },
    ]);
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`rules in the store [${dialect}]`, () => {
    let store: TestStore;
    let h: HelpDeskHarness;
    beforeEach(async () => {
      store = await openTestStore(dialect);
      h = helpDeskHarness(store, '2026-03-02T08:00:00Z');
      await h.load(base);
    });
    afterEach(async () => {
      await store.close();
    });
    const save = (docs: unknown[], replace = false) => importRules(h.ctx, parseRuleDocuments(docs).docs, { replace });

    test('unknown users, lists and lookup values, op/field mismatches and duplicate orders are refused, and nothing is written', async () => {
      await save([rule('Keep', 1)]);
      const problems = await problemsOf(() =>
        save([
          rule('A', 1),
          rule('B', 2, {
            conditions: [
              { field: 'priority', op: 'eq', value: 'Urgent' },
              { field: 'assignedTo', op: 'in', value: ['stan', 'nobody'] },
              { field: 'escalationCount', op: 'gte', value: 'x' },
            ],
            actions: [{ type: 'assign', to: 'ghost' }, { type: 'setPriority', value: 'Meh' }, { type: 'notify', lists: ['nolist'], users: ['stan'] }],
          }),
          rule('A', 3),
        ]),
      );
      assert.deepEqual(problems, [
        { field: '[1].conditions[0].value', reason: '"Urgent" is not in the priorities list ("Low", "High", "Critical")' },
        { field: '[1].conditions[1].value[1]', reason: 'unknown user "nobody"' },
        { field: '[1].conditions[2].value', reason: '"escalationCount" compares whole numbers of 0 or more' },
        { field: '[1].actions[0].to', reason: 'unknown user "ghost"' },
        { field: '[1].actions[1].value', reason: '"Meh" is not in the priorities list ("Low", "High", "Critical")' },
        { field: '[1].actions[2].lists[0]', reason: 'unknown distribution list "nolist"' },
        { field: '[2].name', reason: 'duplicate rule name "A" (also at [0])' },
        { field: '[0].processOrder', reason: 'duplicate process order 1 (already used by rule "Keep")', conflict: true },
      ]);
      assert.deepEqual((await loadRules(store.db)).map((r) => r.name), ['Keep']);
    });

    test('export gives the canonical document; importing it back changes nothing', async () => {
      await save([rule('Y', 16, { conditions: [{ field: 'priority', op: 'eq', value: 'High' }] }), rule('X', 17)]);
      const exported = await exportRules(store);
      assert.deepEqual(exported[0], {
        name: 'Y',
        enabled: true,
        processOrder: 16,
        interval: { days: 0, hours: 2, minutes: 0 },
        after: 'lastActivity',
        conditions: [{ field: 'priority', op: 'eq', value: 'High' }],
        actions: [{ type: 'notify', users: ['stan'], lists: [], emails: [], recipients: [] }],
      });
      await save(JSON.parse(JSON.stringify(exported)), true);
      assert.deepEqual(await exportRules(store), exported);
    });

    test('a rule without processOrder goes last; --replace drops rules not in the file', async () => {
      await save([rule('A', 5), rule('B')]);
      assert.deepEqual((await loadRules(store.db)).map((r) => [r.name, r.processOrder]), [['A', 5], ['B', 6]]);
      await save([rule('C', 1)], true);
      assert.deepEqual((await loadRules(store.db)).map((r) => [r.name, r.processOrder]), [['C', 1]]);
    });

    test('moving a rule renumbers the ones in its way and keeps gaps elsewhere', async () => {
      await save([rule('A', 1), rule('B', 2), rule('C', 3), rule('D', 10)]);
      await moveRule(h.ctx, 'C', 1);
      assert.deepEqual((await loadRules(store.db)).map((r) => [r.name, r.processOrder]), [['C', 1], ['A', 2], ['B', 3], ['D', 10]]);
      await moveRule(h.ctx, 'C', 7);
      assert.deepEqual((await loadRules(store.db)).map((r) => [r.name, r.processOrder]), [['A', 2], ['B', 3], ['C', 7], ['D', 10]]);
    });

    test('changing rules reschedules open issues: enabling, disabling and deleting take effect at the next run', async () => {
      await h.load({ issues: [{ id: '1', subject: 'S', priority: 'High', submittedAt: '2026-03-02T08:00:00Z' }] });
      await save([rule('A', 1, { enabled: false })]);
      assert.equal((await h.issue('1'))!.nextCheckAt, null);
      h.clock.set('2026-03-02T09:00:00Z');
      await setRuleEnabled(h.ctx, 'A', true);
      assert.equal((await h.issue('1'))!.nextCheckAt, Date.parse('2026-03-02T10:00:00Z'));
      await h.runAt('2026-03-02T10:00:00Z');
      assert.equal((await h.escalations('1')).length, 1);
      h.clock.set('2026-03-02T10:05:00Z');
      await deleteRule(h.ctx, 'A');
      assert.equal((await h.issue('1'))!.nextCheckAt, null);
      await h.runAt('2026-03-02T10:15:00Z');
      assert.equal((await h.escalations('1')).length, 1);
    });
  });
}
