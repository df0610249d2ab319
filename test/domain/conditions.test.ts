import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkConditionShape, conditionHolds } from '../../src/domains/helpdesk/conditions.js';
import type { Condition } from '../../src/domains/helpdesk/rule-document.js';
import { nextCheckAt, ruleApplies } from '../../src/domains/helpdesk/schedule.js';
import type { Rule } from '../../src/domains/helpdesk/rule-document.js';
import { sampleIssue } from '../support/issues.js';

const at = Date.parse('2026-03-02T12:00:00Z');
const holds = (field: Condition['field'], op: Condition['op'], value: Condition['value'], overrides = {}) =>
  conditionHolds({ field, op, value }, sampleIssue(overrides), at);

describe('condition fields and ops', () => {
  const textFields = [
    ['priority', 'High'],
    ['substatus', 'Pending'],
    ['clockStatus', 'running'],
    ['issueType', 'Service'],
    ['subtype1', 'Request'],
    ['subtype2', 'Laptop'],
    ['subtype3', 'Dell'],
    ['subtype4', 'XPS'],
    ['organization', 'Acme'],
    ['department', 'IT'],
    ['location', 'Lisbon'],
    ['project', 'Rollout'],
    ['assignedTo', 'stan'],
  ] as const;
  for (const [field, value] of textFields) {
    test(`${field}: eq, neq, in, notIn`, () => {
      assert.equal(holds(field, 'eq', value), true);
      assert.equal(holds(field, 'eq', 'other'), false);
      assert.equal(holds(field, 'neq', value), false);
      assert.equal(holds(field, 'neq', 'other'), true);
      assert.equal(holds(field, 'in', ['other', value]), true);
      assert.equal(holds(field, 'in', ['other']), false);
      assert.equal(holds(field, 'notIn', ['other']), true);
      assert.equal(holds(field, 'notIn', [value]), false);
    });
  }

  test('a null value matches an unset field', () => {
    assert.equal(holds('substatus', 'eq', null, { substatus: null }), true);
    assert.equal(holds('substatus', 'neq', null, { substatus: null }), false);
    assert.equal(holds('assignedTo', 'in', [null, 'kitty'], { assignedTo: null }), true);
  });

  test('clockStatus paused', () => {
    assert.equal(holds('clockStatus', 'eq', 'paused', { clockStatus: 'paused' }), true);
    assert.equal(holds('clockStatus', 'eq', 'running', { clockStatus: 'paused' }), false);
  });

  test('escalationCount: every op', () => {
    assert.deepEqual(
      (['eq', 'neq', 'gt', 'gte', 'lt', 'lte'] as const).map((op) => [op, holds('escalationCount', op, 2)]),
      [['eq', true], ['neq', false], ['gt', false], ['gte', true], ['lt', false], ['lte', true]],
    );
    assert.equal(holds('escalationCount', 'gt', 1), true);
    assert.equal(holds('escalationCount', 'lt', 3), true);
    assert.equal(holds('escalationCount', 'in', [0, 2]), true);
    assert.equal(holds('escalationCount', 'notIn', [0, 2]), false);
  });

  test('assigned true/false', () => {
    assert.equal(holds('assigned', 'eq', true), true);
    assert.equal(holds('assigned', 'eq', false), false);
    assert.equal(holds('assigned', 'eq', false, { assignedTo: null }), true);
    assert.equal(holds('assigned', 'neq', true, { assignedTo: null }), true);
  });

  test('targetDatePassed and requiredByDatePassed: passed from the instant itself', () => {
    const deadline = Date.parse('2026-03-02T12:00:00Z');
    assert.equal(holds('targetDatePassed', 'eq', true, { targetDate: deadline }), true);
    assert.equal(holds('targetDatePassed', 'eq', true, { targetDate: deadline + 1 }), false);
    assert.equal(holds('targetDatePassed', 'eq', false, { targetDate: deadline + 1 }), true);
    assert.equal(holds('targetDatePassed', 'eq', true, { targetDate: null }), false);
    assert.equal(holds('targetDatePassed', 'neq', true, { targetDate: null }), true);
    assert.equal(holds('requiredByDatePassed', 'eq', true, { requiredByDate: deadline - 1 }), true);
    assert.equal(holds('requiredByDatePassed', 'eq', false, { requiredByDate: null }), true);
  });
});

describe('condition shape checks name the field and the reason', () => {
  const check = (c: Condition) => checkConditionShape(c, 'conditions[0]');
  test('an op the field does not take', () => {
    assert.deepEqual(check({ field: 'priority', op: 'gt', value: 'High' }), [
      { field: 'conditions[0].op', reason: 'op "gt" is not allowed for field "priority"; use one of eq, neq, in, notIn' },
    ]);
    assert.deepEqual(check({ field: 'assigned', op: 'in', value: [true] as never }), [
      { field: 'conditions[0].op', reason: 'op "in" is not allowed for field "assigned"; use one of eq, neq' },
    ]);
  });
  test('list ops need lists, single ops single values', () => {
    assert.equal(check({ field: 'priority', op: 'in', value: 'High' })[0]!.reason, 'op "in" takes a list of values');
    assert.equal(check({ field: 'priority', op: 'eq', value: ['High'] })[0]!.reason, 'op "eq" takes a single value, not a list');
    assert.equal(check({ field: 'priority', op: 'in', value: [] })[0]!.reason, 'op "in" needs at least one value');
  });
  test('value types', () => {
    assert.equal(check({ field: 'escalationCount', op: 'gt', value: 'two' })[0]!.reason, '"escalationCount" compares whole numbers of 0 or more');
    assert.equal(check({ field: 'targetDatePassed', op: 'eq', value: 'yes' })[0]!.reason, '"targetDatePassed" takes true or false');
    assert.equal(check({ field: 'clockStatus', op: 'eq', value: 'stopped' })[0]!.reason, '"stopped" is not a clockStatus; use one of running, paused');
  });
});

describe('schedule: when a rule applies and when to look next', () => {
  const rule = (overrides: Partial<Rule>): Rule => ({
    id: 1,
    name: 'R',
    enabled: true,
    processOrder: 1,
    interval: { days: 0, hours: 2, minutes: 0 },
    after: 'lastActivity',
    conditions: [],
    actions: [{ type: 'close' }],
    ...overrides,
  });
  const issue = sampleIssue({ lastActivityAt: Date.parse('2026-03-02T09:00:00Z'), targetDate: Date.parse('2026-03-02T15:00:00Z') });

  test('T − basis ≥ interval, inclusive at the boundary, to the millisecond', () => {
    const r = rule({});
    assert.equal(ruleApplies(r, issue, Date.parse('2026-03-02T10:59:59.999Z'), 'UTC'), false);
    assert.equal(ruleApplies(r, issue, Date.parse('2026-03-02T11:00:00Z'), 'UTC'), true);
  });

  test('after submitted counts from submit, not from activity', () => {
    const r = rule({ after: 'submitted' });
    assert.equal(ruleApplies(r, issue, Date.parse('2026-03-02T10:00:00Z'), 'UTC'), true);
  });

  test('disabled rules and closed issues never apply', () => {
    assert.equal(ruleApplies(rule({ enabled: false }), issue, Date.parse('2026-03-05T00:00:00Z'), 'UTC'), false);
    assert.equal(ruleApplies(rule({}), { ...issue, status: 'closed' }, Date.parse('2026-03-05T00:00:00Z'), 'UTC'), false);
  });

  test('next check is the interval, or the deadline when a "passed" condition waits for it', () => {
    const notBefore = Date.parse('2026-03-02T09:30:00Z');
    assert.equal(nextCheckAt([rule({})], issue, notBefore, 'UTC'), Date.parse('2026-03-02T11:00:00Z'));
    const waitsForTarget = rule({ conditions: [{ field: 'targetDatePassed', op: 'eq', value: true }] });
    assert.equal(nextCheckAt([waitsForTarget], issue, notBefore, 'UTC'), Date.parse('2026-03-02T15:00:00Z'));
    const beforeTarget = rule({ interval: { days: 0, hours: 7, minutes: 0 }, conditions: [{ field: 'targetDatePassed', op: 'eq', value: false }] });
    assert.equal(nextCheckAt([beforeTarget], issue, notBefore, 'UTC'), null, 'the interval elapses only after the target has passed');
    const unmatched = rule({ conditions: [{ field: 'priority', op: 'eq', value: 'Low' }] });
    assert.equal(nextCheckAt([unmatched], issue, notBefore, 'UTC'), null);
  });

  test('a rule that keeps applying is due again right after the run', () => {
    const run = Date.parse('2026-03-02T12:00:00Z');
    assert.equal(nextCheckAt([rule({})], issue, run + 1, 'UTC'), run + 1);
  });

  test('days are calendar days in the account zone across a DST change; hours are elapsed time', () => {
    // Europe/Lisbon springs forward on 2026-03-29 (01:00 → 02:00 UTC+1).
    const friday = sampleIssue({ lastActivityAt: Date.parse('2026-03-27T10:00:00Z') }); // 10:00 local (UTC+0)
    const days = rule({ interval: { days: 5, hours: 0, minutes: 0 } });
    assert.equal(nextCheckAt([days], friday, 0, 'Europe/Lisbon'), Date.parse('2026-04-01T09:00:00Z')); // 10:00 local (UTC+1)
    assert.equal(nextCheckAt([days], friday, 0, 'UTC'), Date.parse('2026-04-01T10:00:00Z'));
    const hours = rule({ interval: { days: 0, hours: 120, minutes: 0 } });
    assert.equal(nextCheckAt([hours], friday, 0, 'Europe/Lisbon'), Date.parse('2026-04-01T10:00:00Z'));
  });
});
