/** Training reminders and their escalation CCs, on both dialects. */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { owner, safetyCourse, trainingHarness, type TrainingHarness } from '../support/training.js';
import { complete } from '../../src/domains/training/enrollments.js';
import { insertReminder } from '../../src/storage/training-reminders.js';
import { findEnrollment } from '../../src/storage/enrollments.js';

const tierRule = (...tiers: { fromReminder: number; target: Record<string, unknown> }[]) => ({ name: 'Escalate', tiers });

for (const dialect of TEST_DIALECTS) {
  describe(`training reminders [${dialect}]`, () => {
    let store: TestStore;
    let h: TrainingHarness;
    beforeEach(async () => {
      store = await openTestStore(dialect);
      h = trainingHarness(store, '2026-03-01T00:00:00Z');
    });
    afterEach(async () => {
      await store.close();
    });

    test("the seed's example: three reminders, lenny@ CC'd from email 2", async () => {
      await h.load({
        users: [owner, { id: 'ana', name: 'Ana Silva', email: 'ana@example.com', trainingRole: 'learner', timeZone: 'Europe/Lisbon' }],
        trainingRules: [tierRule({ fromReminder: 2, target: { type: 'email', address: 'lenny@example.com' } })],
        courses: [safetyCourse()],
        enrollments: [{ learner: 'ana', course: 'safety', assignedAt: '2026-03-01T10:00:00Z' }],
      });
      h.clock.set('2026-03-11T00:00:00Z');
      await h.runEvery(60, '2026-03-18T00:00:00Z');
      const sent = await h.reminders();
      assert.deepEqual(
        sent.map((r) => [new Date(r.at).toISOString(), r.cycle, r.reminderNumber, r.kind, r.to, r.cc, r.skipped]),
        [
          ['2026-03-12T09:00:00.000Z', 1, 1, 'dueReminder', ['ana@example.com'], [], []],
          ['2026-03-14T09:00:00.000Z', 1, 2, 'dueReminder', ['ana@example.com'], ['lenny@example.com'], []],
          ['2026-03-16T09:00:00.000Z', 1, 3, 'dueReminder', ['ana@example.com'], ['lenny@example.com'], []],
        ],
      );
      const mail = await h.mail();
      assert.deepEqual(mail[0], {
        kind: 'dueReminder',
        to: ['ana@example.com'],
        cc: [],
        subject: 'Safety 101 is due 2026-03-15 (1)',
        body: 'Hello Ana Silva, Safety 101 is due 2026-03-15.\n',
      });
      assert.deepEqual(mail.map((m) => m.cc), [[], ['lenny@example.com'], ['lenny@example.com']]);
    });

    test('every target type, and each unresolvable case recorded with its reason while the email still goes', async () => {
      await h.load({
        users: [
          owner,
          { id: 'ada', name: 'Ada', email: 'ada@example.com', trainingRole: 'administrator' },
          { id: 'adx', name: 'Adx', email: null, trainingRole: 'administrator' },
          { id: 'old', name: 'Old Admin', email: 'old@example.com', trainingRole: 'administrator', active: false },
          { id: 'boss', name: 'Boss', email: 'boss@example.com' },
          { id: 'gone', name: 'Gone', email: 'gone@example.com', active: false },
          { id: 'quiet', name: 'Quiet', email: null },
          { id: 'l1', name: 'L1', email: 'l1@example.com', manager: 'boss', profile: { 'Supervisor Email': 'sup@example.com' } },
          { id: 'l2', name: 'L2', email: 'l2@example.com', profile: { 'Supervisor Email': '  ' } },
          { id: 'l3', name: 'L3', email: 'l3@example.com', manager: 'gone', profile: { 'Supervisor Email': 'not-an-address' } },
          { id: 'l4', name: 'L4', email: 'l4@example.com', manager: 'quiet', profile: { 'Supervisor Email': 'L4@example.com' } },
        ],
        trainingRules: [
          tierRule(
            { fromReminder: 1, target: { type: 'email', address: 'alias@example.com' } },
            { fromReminder: 1, target: { type: 'profileField', field: 'Supervisor Email' } },
            { fromReminder: 1, target: { type: 'administrators' } },
            { fromReminder: 1, target: { type: 'manager' } },
          ),
        ],
        courses: [safetyCourse({ reminders: { startDaysBefore: 0, everyDays: 1, maxReminders: 1, sendAt: '09:00' } })],
        enrollments: ['l1', 'l2', 'l3', 'l4'].map((learner) => ({ learner, course: 'safety', assignedAt: '2026-03-01T08:00:00Z' })),
      });
      await h.runAt('2026-03-15T09:00:00Z');
      const byLearner = new Map((await h.reminders()).map((r) => [r.to[0], r]));
      assert.deepEqual(byLearner.get('l1@example.com')!.cc, ['ada@example.com', 'alias@example.com', 'boss@example.com', 'sup@example.com']);
      const adminSkip = { target: 'administrators', reason: 'administrator "adx" has no email address' };
      assert.deepEqual(byLearner.get('l1@example.com')!.skipped, [adminSkip]);
      assert.deepEqual(byLearner.get('l2@example.com')!.skipped, [
        { target: 'profileField:Supervisor Email', reason: 'the learner\'s profile field "Supervisor Email" is empty' },
        adminSkip,
        { target: 'manager', reason: 'learner "l2" has no manager' },
      ]);
      assert.deepEqual(byLearner.get('l3@example.com')!.skipped, [
        { target: 'profileField:Supervisor Email', reason: 'the learner\'s profile field "Supervisor Email" is not a valid email address ("not-an-address")' },
        adminSkip,
        { target: 'manager', reason: 'manager "gone" is inactive' },
      ]);
      // The learner's own address (any case) is never CC'd; a manager without email is recorded.
      assert.deepEqual(byLearner.get('l4@example.com')!.cc, ['ada@example.com', 'alias@example.com']);
      assert.deepEqual(byLearner.get('l4@example.com')!.skipped, [adminSkip, { target: 'manager', reason: 'manager "quiet" has no email address' }]);
      assert.equal((await h.mail()).length, 4, 'every reminder went out despite skipped targets');
    });

    test('no administrators at all is recorded too', async () => {
      await h.load({
        users: [owner, { id: 'l', name: 'L', email: 'l@example.com' }],
        trainingRules: [tierRule({ fromReminder: 1, target: { type: 'administrators' } })],
        courses: [safetyCourse({ reminders: { startDaysBefore: 0, everyDays: 1, maxReminders: 1, sendAt: '09:00' } })],
        enrollments: [{ learner: 'l', course: 'safety', assignedAt: '2026-03-01T08:00:00Z' }],
      });
      await h.runAt('2026-03-15T09:00:00Z');
      const [r] = await h.reminders();
      assert.deepEqual(r!.skipped, [{ target: 'administrators', reason: 'there are no active administrators' }]);
    });

    test('a learner in UTC−8 and one in UTC+10 get the same reminder at their own 09:00', async () => {
      h = trainingHarness(store, '2026-02-01T00:00:00Z');
      await h.load({
        users: [
          owner,
          { id: 'la', name: 'LA', email: 'la@example.com', timeZone: 'America/Los_Angeles' },
          { id: 'bne', name: 'BNE', email: 'bne@example.com', timeZone: 'Australia/Brisbane' },
        ],
        trainingRules: [tierRule()],
        courses: [safetyCourse({ dueDate: { date: '2026-02-10' }, reminders: { startDaysBefore: 1, everyDays: 1, maxReminders: 1, sendAt: '09:00' } })],
        enrollments: [
          { learner: 'la', course: 'safety', assignedAt: '2026-02-01T00:00:00Z' },
          { learner: 'bne', course: 'safety', assignedAt: '2026-02-01T00:00:00Z' },
        ],
      });
      h.clock.set('2026-02-08T12:00:00Z');
      await h.runEvery(60, '2026-02-09T20:00:00Z');
      const at = new Map((await h.reminders()).map((r) => [r.to[0], new Date(r.at).toISOString()]));
      assert.equal(at.get('la@example.com'), '2026-02-09T17:00:00.000Z'); // 09:00 PST, UTC−8
      assert.equal(at.get('bne@example.com'), '2026-02-08T23:00:00.000Z'); // 09:00 AEST, UTC+10
    });

    test('completion stops reminders at once; completing again changes nothing', async () => {
      await h.load({
        users: [owner, { id: 'ana', name: 'Ana', email: 'ana@example.com' }],
        trainingRules: [tierRule()],
        courses: [safetyCourse()],
        enrollments: [{ learner: 'ana', course: 'safety', assignedAt: '2026-03-01T10:00:00Z' }],
      });
      h.clock.set('2026-03-11T00:00:00Z');
      await h.runEvery(180, '2026-03-13T00:00:00Z');
      h.clock.set('2026-03-13T15:00:00Z');
      await complete(h.ctx, 'ana', 'safety', 'system');
      await complete(h.ctx, 'ana', 'safety', 'system');
      await h.runEvery(180, '2026-03-25T00:00:00Z');
      assert.deepEqual((await h.reminders()).map((r) => r.reminderNumber), [1]);
      const e = await findEnrollment(store, store.db, 'ana', 'safety');
      assert.equal(e!.completedAt, Date.parse('2026-03-13T15:00:00Z'));
      assert.equal(e!.nextActionAt, null);
    });

    test('a compliance course rolls over: compliance date, automatic retake, a new cycle numbered from 1', async () => {
      await h.load({
        users: [owner, { id: 'li', name: 'Li', email: 'li@example.com', manager: 'tom' }, { id: 'tom', name: 'Tom', email: 'tom@example.com' }],
        trainingRules: [tierRule({ fromReminder: 2, target: { type: 'manager' } })],
        courses: [
          safetyCourse({
            dueDate: { daysAfterAssignment: 7 },
            reminders: { startDaysBefore: 2, everyDays: 1, maxReminders: 2, sendAt: '09:00' },
            compliance: {
              compliantForDays: 30,
              retakeDaysBefore: 10,
              reminders: { startDaysBefore: 5, everyDays: 2, maxReminders: 3, sendAt: '09:00' },
              reminderEmail: { subject: 'Retake {{course.title}} by {{dueDate}}', body: 'Reminder {{reminder.number}}' },
            },
          }),
        ],
        enrollments: [{ learner: 'li', course: 'safety', assignedAt: '2026-03-02T08:00:00Z' }],
      });
      await h.runEvery(180, '2026-03-08T12:00:00Z');
      h.clock.set('2026-03-08T15:00:00Z');
      await complete(h.ctx, 'li', 'safety', 'system');
      let e = await findEnrollment(store, store.db, 'li', 'safety');
      assert.equal(e!.complianceDate, '2026-04-07');
      assert.equal(e!.nextActionAt, Date.parse('2026-03-28T00:00:00Z'), 'the retake opens 10 days before');
      h.clock.set('2026-03-27T00:00:00Z');
      await h.runEvery(180, '2026-04-10T00:00:00Z');
      const sent = await h.reminders();
      assert.deepEqual(
        sent.map((r) => [new Date(r.at).toISOString().slice(0, 16), r.kind, r.cycle, r.reminderNumber, r.cc]),
        [
          ['2026-03-07T09:00', 'dueReminder', 1, 1, []],
          ['2026-03-08T09:00', 'dueReminder', 1, 2, ['tom@example.com']],
          ['2026-04-02T09:00', 'complianceReminder', 2, 1, []],
          ['2026-04-04T09:00', 'complianceReminder', 2, 2, ['tom@example.com']],
          ['2026-04-06T09:00', 'complianceReminder', 2, 3, ['tom@example.com']],
        ],
      );
      assert.equal((await h.mail())[2]!.subject, 'Retake Safety 101 by 2026-04-07');
      e = await findEnrollment(store, store.db, 'li', 'safety');
      assert.deepEqual([e!.cycle, e!.cycleKind, e!.cycleDueDate, e!.completedAt], [2, 'compliance', '2026-04-07', null]);
    });

    test('slots before the assignment are skipped; numbers count what was sent', async () => {
      await h.load({
        users: [owner, { id: 'ana', name: 'Ana', email: 'ana@example.com' }],
        trainingRules: [tierRule({ fromReminder: 2, target: { type: 'email', address: 'lenny@example.com' } })],
        courses: [safetyCourse({ dueDate: { date: '2026-03-15' } })],
        // Slot 1 (03-12 09:00) is before the assignment: the first email is number 1 at slot 2.
        enrollments: [{ learner: 'ana', course: 'safety', assignedAt: '2026-03-13T12:00:00Z' }],
      });
      h.clock.set('2026-03-13T12:00:00Z');
      await h.runEvery(180, '2026-03-25T00:00:00Z');
      assert.deepEqual(
        (await h.reminders()).map((r) => [new Date(r.at).toISOString().slice(0, 10), r.reminderNumber, r.cc]),
        [
          ['2026-03-14', 1, []],
          ['2026-03-16', 2, ['lenny@example.com']],
          ['2026-03-18', 3, ['lenny@example.com']],
        ],
      );
    });

    test('a reminder is recorded once: a repeated run sends nothing, and the ledger refuses a second copy', async () => {
      await h.load({
        users: [owner, { id: 'ana', name: 'Ana', email: 'ana@example.com' }],
        trainingRules: [tierRule()],
        courses: [safetyCourse()],
        enrollments: [{ learner: 'ana', course: 'safety', assignedAt: '2026-03-01T10:00:00Z' }],
      });
      await h.runAt('2026-03-12T09:00:00Z');
      await h.runAt('2026-03-12T09:00:00Z');
      await h.runAt('2026-03-12T09:15:00Z');
      const sent = await h.reminders();
      assert.equal(sent.length, 1);
      assert.equal((await h.mail()).length, 1);
      const { id: _id, ...copy } = sent[0]!;
      await assert.rejects(insertReminder(store.db, copy));
    });

    test('after downtime a late run sends one reminder for the latest slot, not a burst', async () => {
      await h.load({
        users: [owner, { id: 'ana', name: 'Ana', email: 'ana@example.com' }],
        trainingRules: [tierRule()],
        courses: [safetyCourse()],
        enrollments: [{ learner: 'ana', course: 'safety', assignedAt: '2026-03-01T10:00:00Z' }],
      });
      await h.runAt('2026-03-15T10:00:00Z'); // slots 03-12 and 03-14 both passed
      await h.runAt('2026-03-15T10:15:00Z');
      await h.runAt('2026-03-16T09:00:00Z');
      assert.deepEqual((await h.reminders()).map((r) => [new Date(r.at).toISOString().slice(0, 10), r.reminderNumber]), [
        ['2026-03-15', 1],
        ['2026-03-16', 2],
      ]);
    });
  });
}
