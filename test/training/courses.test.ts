/** Course prerequisites, permissions for every role, and course changes reaching enrollments. */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DIALECTS, openTestStore, type TestStore } from '../support/stores.js';
import { owner, safetyCourse, trainingHarness, type TrainingHarness } from '../support/training.js';
import { parseCourses, saveCourses, setCourseEscalations } from '../../src/domains/training/courses.js';
import { deleteTrainingRuleNamed, parseTrainingRules, saveTrainingRules } from '../../src/domains/training/training-rules.js';
import { complete, enroll, listEnrollmentDocuments } from '../../src/domains/training/enrollments.js';
import { previewCourse } from '../../src/domains/training/preview.js';
import { resolveActor } from '../../src/domains/training/actors.js';
import { ConflictError, ForbiddenError, InputError } from '../../src/errors.js';
import { findEnrollment } from '../../src/storage/enrollments.js';

const people = [
  owner,
  { id: 'ada', name: 'Ada', email: 'ada@example.com', trainingRole: 'administrator' },
  { id: 'tom', name: 'Tom', email: 'tom@example.com', trainingRole: 'team leader' },
  { id: 'li', name: 'Li', email: 'li@example.com', trainingRole: 'learner', manager: 'tom' },
  { id: 'max', name: 'Max', email: 'max@example.com', trainingRole: 'learner' },
  { id: 'nobody', name: 'No Role', email: 'no@example.com' },
];
const rule = { name: 'Escalate', tiers: [{ fromReminder: 2, target: { type: 'manager' } }] };

async function problems(work: Promise<unknown>): Promise<{ field: string; reason: string }[]> {
  try {
    await work;
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  assert.fail('expected an InputError');
}

for (const dialect of TEST_DIALECTS) {
  describe(`courses and permissions [${dialect}]`, () => {
    let store: TestStore;
    let h: TrainingHarness;
    const as = (id: string) => resolveActor(store.db, id);
    beforeEach(async () => {
      store = await openTestStore(dialect);
      h = trainingHarness(store, '2026-03-01T00:00:00Z');
      await h.load({ users: people, trainingRules: [rule] });
    });
    afterEach(async () => {
      await store.close();
    });

    test('escalations need the due-date or the compliance prerequisites; the error lists what is missing', async () => {
      const bare = parseCourses({ id: 'c', title: 'C', escalations: { enabled: true, rule: 'Escalate' } });
      assert.deepEqual(await problems(saveCourses(h.ctx, bare, 'system')), [
        {
          field: 'escalations.enabled',
          reason:
            'escalations need the due-date prerequisites (a due date, an automatic email reminder and a reminder email) or the compliance ones ' +
            '(an automatic retake and a compliance reminder email); missing for due dates: a due date, an automatic email reminder, a reminder email; ' +
            'missing for compliance: an automatic retake, a compliance reminder email',
        },
      ]);
      const noEmail = parseCourses(safetyCourse({ reminderEmail: null }));
      assert.match((await problems(saveCourses(h.ctx, noEmail, 'system')))[0]!.reason, /missing for due dates: a reminder email;/);
      const compliance = parseCourses(
        safetyCourse({ dueDate: null, reminders: null, reminderEmail: null, compliance: { compliantForDays: 365, retakeDaysBefore: 30, reminderEmail: { subject: 's', body: 'b' } } }),
      );
      await saveCourses(h.ctx, compliance, 'system');
      const noRule = parseCourses(safetyCourse({ escalations: { enabled: true, rule: 'Nope' } }));
      assert.deepEqual(await problems(saveCourses(h.ctx, noRule, 'system')), [{ field: 'escalations.rule', reason: 'unknown training escalation rule "Nope"' }]);
    });

    test('a change that breaks a prerequisite while escalations are on is refused, and nothing changes', async () => {
      await saveCourses(h.ctx, parseCourses(safetyCourse()), 'system');
      const broken = parseCourses(safetyCourse({ reminders: null }));
      assert.match((await problems(saveCourses(h.ctx, broken, 'system')))[0]!.reason, /missing for due dates: an automatic email reminder;/);
      const { loadCourse } = await import('../../src/domains/training/catalog.js');
      assert.notEqual((await loadCourse(store.db, 'safety')).reminders, null);
      // Turning escalations off first makes the same change fine.
      await setCourseEscalations(h.ctx, 'safety', { enabled: false }, await as('ada'));
      await saveCourses(h.ctx, broken.map((c) => ({ ...c, escalations: { enabled: false, rule: 'Escalate' } })), 'system');
    });

    test('templates with unknown placeholders are refused on save', async () => {
      assert.throws(
        () => parseCourses(safetyCourse({ reminderEmail: { subject: 'Due {{due}}', body: 'Hi {{learner.name}}' } }), 'c.json'),
        /reminderEmail\.subject: unknown placeholder \{\{due\}\}; use \{\{learner\.name\}\}, \{\{course\.title\}\}, \{\{dueDate\}\}, \{\{reminder\.number\}\}, \{\{course\.link\}\}/,
      );
    });

    test('only account owners manage training rules', async () => {
      const rules = parseTrainingRules([{ name: 'R2', tiers: [] }]);
      await saveTrainingRules(h.ctx, rules, await as('owner'));
      for (const [who, message] of [
        ['ada', 'not allowed: an administrator cannot manage training rules (account owners can)'],
        ['tom', 'not allowed: a team leader cannot manage training rules (account owners can)'],
        ['li', 'not allowed: a learner cannot manage training rules (account owners can)'],
        ['nobody', 'not allowed: user "nobody" has no training role and cannot manage training rules (account owners can)'],
      ] as const) {
        await assert.rejects(saveTrainingRules(h.ctx, rules, await as(who)), (e: ForbiddenError) => e instanceof ForbiddenError && e.message === message);
        await assert.rejects(deleteTrainingRuleNamed(h.ctx, 'R2', await as(who)), ForbiddenError);
      }
      await deleteTrainingRuleNamed(h.ctx, 'R2', await as('owner'));
    });

    test('account owners and administrators set course escalations; team leaders and learners cannot', async () => {
      await saveCourses(h.ctx, parseCourses(safetyCourse({ escalations: { enabled: false, rule: null } })), await as('ada'));
      await setCourseEscalations(h.ctx, 'safety', { enabled: true, rule: 'Escalate' }, await as('owner'));
      await setCourseEscalations(h.ctx, 'safety', { enabled: false }, await as('ada'));
      for (const [who, role] of [['tom', 'a team leader'], ['li', 'a learner']] as const) {
        await assert.rejects(
          setCourseEscalations(h.ctx, 'safety', { enabled: true, rule: 'Escalate' }, await as(who)),
          (e: Error) => e instanceof ForbiddenError && e.message === `not allowed: ${role} cannot set course escalations (account owners and administrators can)`,
        );
        await assert.rejects(saveCourses(h.ctx, parseCourses(safetyCourse()), await as(who)), ForbiddenError);
      }
      await assert.rejects(deleteTrainingRuleNamed(h.ctx, 'Escalate', await as('owner')), ConflictError, 'a rule in use cannot be deleted');
    });

    test('assigning and completing: team leaders for their team, learners their own', async () => {
      await saveCourses(h.ctx, parseCourses(safetyCourse()), 'system');
      await enroll(h.ctx, { learner: 'li', course: 'safety' }, await as('tom'));
      await assert.rejects(enroll(h.ctx, { learner: 'max', course: 'safety' }, await as('tom')), /a team leader can assign courses only for their own team; "max" is not in it/);
      await assert.rejects(enroll(h.ctx, { learner: 'max', course: 'safety' }, await as('li')), /a learner cannot assign courses/);
      await enroll(h.ctx, { learner: 'max', course: 'safety' }, await as('ada'));
      await assert.rejects(complete(h.ctx, 'max', 'safety', await as('li')), /a learner cannot complete enrollments/);
      await complete(h.ctx, 'max', 'safety', await as('max'));
      assert.deepEqual((await listEnrollmentDocuments(h.ctx, {}, await as('tom'))).map((e) => e.learner), ['li']);
      assert.deepEqual((await listEnrollmentDocuments(h.ctx, {}, await as('max'))).map((e) => e.learner), ['max']);
      assert.deepEqual((await listEnrollmentDocuments(h.ctx, {}, await as('owner'))).map((e) => e.learner), ['li', 'max']);
      assert.deepEqual(await problems(enroll(h.ctx, { learner: 'li', course: 'safety' }, 'system')), [{ field: 'course', reason: '"li" is already enrolled in "safety"' }]);
      assert.deepEqual(await problems(enroll(h.ctx, { learner: 'zed', course: 'nope' }, 'system')), [
        { field: 'learner', reason: 'unknown user "zed"' },
        { field: 'course', reason: 'unknown course "nope"' },
      ]);
    });

    test("a learner's new time zone moves their next reminder to 09:00 in the new zone", async () => {
      await saveCourses(h.ctx, parseCourses(safetyCourse()), 'system');
      await enroll(h.ctx, { learner: 'li', course: 'safety', assignedAt: '2026-03-01T10:00:00Z' }, 'system');
      assert.equal((await findEnrollment(store, store.db, 'li', 'safety'))!.nextActionAt, Date.parse('2026-03-12T09:00:00Z'));
      const { savePerson } = await import('../../src/domains/directory/service.js');
      await savePerson(h.ctx, 'system', 'li', { name: 'Li', email: 'li@example.com', trainingRole: 'learner', manager: 'tom', timeZone: 'America/New_York' });
      assert.equal((await findEnrollment(store, store.db, 'li', 'safety'))!.nextActionAt, Date.parse('2026-03-12T13:00:00Z'));
    });

    test('a course change reaches existing enrollments (Litmos-style), and preview shows it', async () => {
      await saveCourses(h.ctx, parseCourses(safetyCourse()), 'system');
      await enroll(h.ctx, { learner: 'li', course: 'safety', assignedAt: '2026-03-01T10:00:00Z' }, 'system');
      await enroll(h.ctx, { learner: 'max', course: 'safety', assignedAt: '2026-03-01T10:00:00Z', dueDate: '2026-04-01' }, 'system');
      let preview = await previewCourse(h.ctx, 'safety');
      assert.deepEqual(
        preview.map((p) => [p.learner, p.dueDate, p.upcoming.map((u) => [u.reminder, u.at.slice(0, 10), u.cc])]),
        [
          ['li', '2026-03-15', [[1, '2026-03-12', []], [2, '2026-03-14', ['tom@example.com']], [3, '2026-03-16', ['tom@example.com']]]],
          ['max', '2026-04-01', [[1, '2026-03-29', []], [2, '2026-03-31', []], [3, '2026-04-02', []]]],
        ],
      );
      assert.deepEqual(preview[1]!.upcoming[1]!.skipped, [{ target: 'manager', reason: 'learner "max" has no manager' }]);
      const moved = await saveCourses(h.ctx, parseCourses(safetyCourse({ dueDate: { daysAfterAssignment: 20 } })), 'system');
      assert.equal(moved, 1, 'the enrollment with its own due date keeps it');
      preview = await previewCourse(h.ctx, 'safety');
      assert.equal(preview[0]!.dueDate, '2026-03-21');
      assert.equal((await findEnrollment(store, store.db, 'li', 'safety'))!.nextActionAt, Date.parse('2026-03-18T09:00:00Z'));
    });
  });
}
