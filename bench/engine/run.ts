/**
 * bench/engine: 100,000 open issues and 50 rules on each dialect. Measures a run with nothing due,
 * a run with 1% (1,000) due, and escalations per second, through the real engine.
 *
 *   npm run bench:engine                       # both dialects
 *   BENCH_DIALECTS=sqlite npm run bench:engine # one
 *   BENCH_ISSUES=20000 npm run bench:engine    # smaller
 *
 * PostgreSQL: a scratch database `escalator_bench` on BENCH_PG (default
 * postgres://postgres@127.0.0.1:5432/postgres) is dropped and re-created each time.
 * SQLite: a scratch file under the OS temp folder (a file, as in production, not :memory:).
 */
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { inTransaction, type Store } from '../../src/storage/store.js';
import { executeRun, type Engine, type RunSummary } from '../../src/engine/run.js';
import { helpDeskProcessor } from '../../src/domains/helpdesk/processor.js';
import { loadSetup } from '../../src/domains/setup-document.js';
import { loadRules } from '../../src/domains/helpdesk/rules.js';
import { nextCheckAt } from '../../src/domains/helpdesk/schedule.js';
import { insertIssues, type IssueRecord } from '../../src/storage/issues.js';
import { blankIssue } from '../../src/domains/helpdesk/issues.js';
import { explainDueIssues } from '../../src/storage/due-issues.js';
import { median, scratchStore } from '../support.js';

const ISSUES = Number(process.env.BENCH_ISSUES ?? 100_000);
const RULES = 50;
const DUE_SHARE = 0.01;
const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');

const T = Date.parse('2026-03-02T12:00:00Z');
const HOUR = 3_600_000;

/** 49 rules keyed on priority P1…P49, each notifying and moving the substatus, plus a 30-day catch-all. */
function setup() {
  const priorities = Array.from({ length: RULES - 1 }, (_, i) => `P${i + 1}`);
  return {
    users: [
      { id: 'agent', name: 'Agent', email: 'agent@example.com', role: 'agent' },
      { id: 'lead', name: 'Lead', email: 'lead@example.com', role: 'agent' },
    ],
    lookups: { priorities, substatuses: ['New', 'Escalated'] },
    rules: [
      ...priorities.map((p, i) => ({
        name: `Priority ${p}`,
        processOrder: i + 1,
        interval: { hours: 1 },
        after: 'submitted',
        conditions: [
          { field: 'priority', op: 'eq', value: p },
          { field: 'substatus', op: 'eq', value: 'New' },
        ],
        actions: [
          { type: 'setSubstatus', value: 'Escalated' },
          { type: 'addNote', visibility: 'private', text: 'Escalated by {{rule.name}}' },
          { type: 'notify', users: ['lead'], recipients: ['assignee'] },
        ],
      })),
      { name: 'Catch-all', processOrder: RULES, interval: { days: 30 }, after: 'lastActivity', actions: [{ type: 'notify', users: ['lead'] }] },
    ],
  };
}

async function populate(store: Store, clock: ManualClock): Promise<void> {
  await loadSetup({ store, clock, timeZone: 'UTC' }, setup());
  const rules = (await loadRules(store.db)).filter((r) => r.enabled);
  const dueEvery = Math.round(1 / DUE_SHARE);
  let batch: IssueRecord[] = [];
  for (let i = 0; i < ISSUES; i++) {
    const due = i % dueEvery === 0;
    // Due issues were submitted 1 h 5 min before T; the rest 10 minutes before T (due at T + 50 min).
    const submittedAt = due ? T - HOUR - 5 * 60_000 : T - 10 * 60_000;
    const issue = blankIssue(`I${String(i).padStart(7, '0')}`, `Issue ${i}`, submittedAt, {
      priority: `P${(i % (RULES - 1)) + 1}`,
      substatus: 'New',
      assignedTo: 'agent',
    });
    issue.nextCheckAt = nextCheckAt(rules, issue, submittedAt, 'UTC');
    batch.push(issue);
    if (batch.length === 5000 || i === ISSUES - 1) {
      const rows = batch;
      batch = [];
      await inTransaction(store, (trx) => insertIssues(trx, rows));
    }
  }
}


async function timedRun(engine: Engine, clock: ManualClock, at: number): Promise<{ ms: number; run: RunSummary }> {
  clock.set(at);
  const started = performance.now();
  const run = await executeRun(engine, { at, trigger: 'manual' });
  const ms = performance.now() - started;
  if (!('runId' in run)) throw new Error('run skipped');
  return { ms, run };
}

interface Row {
  dialect: string;
  issues: number;
  rules: number;
  idleMs: number;
  idleChecked: number;
  dueMs: number;
  dueChecked: number;
  escalations: number;
  perSecond: number;
  plan: string;
}

async function benchDialect(dialect: string): Promise<Row> {
  const { store, cleanup } = await scratchStore(dialect, 'escalator_bench');
  try {
    const clock = new ManualClock(T - 2 * HOUR);
    const loadStarted = performance.now();
    await populate(store, clock);
    process.stderr.write(`${dialect}: loaded ${ISSUES} issues in ${((performance.now() - loadStarted) / 1000).toFixed(1)} s\n`);
    const engine: Engine = { store, clock, log: silentLogger, processors: [helpDeskProcessor('UTC')] };

    // Nothing due: T − 30 min is before every issue's next check. Warm up once, then take the median of 20.
    const idleAt = T - 30 * 60_000;
    await timedRun(engine, clock, idleAt);
    const idle: number[] = [];
    let idleChecked = 0;
    for (let i = 0; i < 20; i++) {
      const { ms, run } = await timedRun(engine, clock, idleAt + i + 1);
      idle.push(ms);
      idleChecked = run.issuesChecked;
    }
    const due = await timedRun(engine, clock, T);
    return {
      dialect,
      issues: ISSUES,
      rules: RULES,
      idleMs: median(idle),
      idleChecked,
      dueMs: due.ms,
      dueChecked: due.run.issuesChecked,
      escalations: due.run.escalations,
      perSecond: due.run.escalations / (due.ms / 1000),
      plan: (await explainDueIssues(store, T)).split('\n').map((l) => l.trim()).join(' / '),
    };
  } finally {
    await store.close();
    await cleanup();
  }
}

const rows: Row[] = [];
for (const dialect of dialects) rows.push(await benchDialect(dialect));

const header = '| dialect | open issues | rules | run, nothing due | issues read | run, 1% due | issues read | escalations | escalations/s |';
console.log(header);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(
    `| ${r.dialect} | ${r.issues.toLocaleString('en')} | ${r.rules} | ${r.idleMs.toFixed(2)} ms | ${r.idleChecked} | ${r.dueMs.toFixed(0)} ms | ${r.dueChecked} | ${r.escalations} | ${r.perSecond.toFixed(0)} |`,
  );
}
console.log('');
for (const r of rows) console.log(`${r.dialect} due-issue plan: ${r.plan}`);
