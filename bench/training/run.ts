/**
 * bench/training: 100,000 enrollments across 200 courses on each dialect. Measures a run with
 * nothing due, a run with 1% (1,000) of the reminders due, and reminders sent per second, through
 * the real engine (both processors run, as in production).
 *
 *   npm run bench:training
 *   BENCH_DIALECTS=sqlite BENCH_ENROLLMENTS=20000 npm run bench:training
 */
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { inTransaction } from '../../src/storage/store.js';
import { executeRun, type Engine } from '../../src/engine/run.js';
import { helpDeskProcessor } from '../../src/domains/helpdesk/processor.js';
import { trainingProcessor } from '../../src/domains/training/processor.js';
import { loadSetup } from '../../src/domains/setup-document.js';
import { loadCourses } from '../../src/domains/training/catalog.js';
import { newEnrollment } from '../../src/domains/training/enrollments.js';
import { insertEnrollments, type EnrollmentRecord } from '../../src/storage/enrollments.js';
import { median, printTable, scratchStore } from '../support.js';

const ENROLLMENTS = Number(process.env.BENCH_ENROLLMENTS ?? 100_000);
const COURSES = 200;
const LEARNERS = Math.ceil(ENROLLMENTS / COURSES);
const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const DAY = 86_400_000;
const T = Date.parse('2026-03-12T09:00:00Z');

function setup() {
  const managers = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, name: `Manager ${i}`, email: `m${i}@example.com`, trainingRole: 'team leader' }));
  const learners = Array.from({ length: LEARNERS }, (_, i) => ({
    id: `l${i}`,
    name: `Learner ${i}`,
    email: `l${i}@example.com`,
    trainingRole: 'learner',
    manager: `m${i % 50}`,
    profile: { 'Supervisor Email': `sup${i % 50}@example.com` },
  }));
  return {
    users: [{ id: 'ada', name: 'Ada', email: 'ada@example.com', trainingRole: 'administrator' }, ...managers, ...learners],
    trainingRules: [
      {
        name: 'Ladder',
        tiers: [
          { fromReminder: 1, target: { type: 'profileField', field: 'Supervisor Email' } },
          { fromReminder: 1, target: { type: 'manager' } },
          { fromReminder: 1, target: { type: 'administrators' } },
        ],
      },
    ],
    courses: Array.from({ length: COURSES }, (_, i) => ({
      id: `c${i}`,
      title: `Course ${i}`,
      dueDate: { daysAfterAssignment: 14 },
      reminders: { startDaysBefore: 3, everyDays: 2, maxReminders: 3, sendAt: '09:00' },
      reminderEmail: { subject: '{{course.title}} is due {{dueDate}}', body: 'Hello {{learner.name}}, reminder {{reminder.number}}.' },
      escalations: { enabled: true, rule: 'Ladder' },
    })),
  };
}

async function benchDialect(dialect: string) {
  const { store, cleanup } = await scratchStore(dialect, 'escalator_bench_training');
  try {
    const clock = new ManualClock(T - 30 * DAY);
    const loadStarted = performance.now();
    await loadSetup({ store, clock, timeZone: 'UTC' }, setup());
    const courses = await loadCourses(store.db);
    const dueEvery = 100;
    let batch: Omit<EnrollmentRecord, 'id'>[] = [];
    for (let i = 0; i < ENROLLMENTS; i++) {
      const course = courses.get(`c${i % COURSES}`)!;
      // Due ones were assigned 11 days before T (due in 3 days: first reminder at T); the rest 5 days before (first reminder in 6 days).
      const assignedAt = i % dueEvery === 0 ? T - 11 * DAY : T - 5 * DAY;
      const { id: _id, ...row } = newEnrollment(course, `l${Math.floor(i / COURSES)}`, assignedAt, null, 'UTC');
      batch.push(row);
      if (batch.length === 5000 || i === ENROLLMENTS - 1) {
        const rows = batch;
        batch = [];
        await inTransaction(store, (trx) => insertEnrollments(trx, rows));
      }
    }
    process.stderr.write(`${dialect}: loaded ${ENROLLMENTS} enrollments in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s\n`);
    const engine: Engine = { store, clock, log: silentLogger, processors: [helpDeskProcessor('UTC'), trainingProcessor('UTC')] };
    const timed = async (at: number) => {
      clock.set(at);
      const started = performance.now();
      const run = await executeRun(engine, { at, trigger: 'manual' });
      if (!('runId' in run)) throw new Error('run skipped');
      return { ms: performance.now() - started, run };
    };
    const idleAt = T - DAY;
    await timed(idleAt);
    const idle: number[] = [];
    for (let i = 1; i <= 20; i++) idle.push((await timed(idleAt + i)).ms);
    const due = await timed(T);
    return [
      dialect,
      ENROLLMENTS.toLocaleString('en'),
      String(COURSES),
      `${median(idle).toFixed(2)} ms`,
      `${due.ms.toFixed(0)} ms`,
      String(due.run.issuesChecked),
      String(due.run.reminders),
      (due.run.reminders / (due.ms / 1000)).toFixed(0),
    ];
  } finally {
    await store.close();
    await cleanup();
  }
}

const rows: string[][] = [];
for (const dialect of dialects) rows.push(await benchDialect(dialect));
printTable(['dialect', 'enrollments', 'courses', 'run, nothing due', 'run, 1% due', 'enrollments read', 'reminders', 'reminders/s'], rows);
