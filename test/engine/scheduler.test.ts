import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../src/clock.js';
import { silentLogger } from '../../src/logger.js';
import { startScheduler, nextTick } from '../../src/engine/scheduler.js';
import { executeRun, RUN_LOCK, type Engine } from '../../src/engine/run.js';
import { helpDeskProcessor } from '../../src/domains/helpdesk/processor.js';
import { listRuns } from '../../src/storage/runs.js';
import { tryAcquireLease } from '../../src/storage/locks.js';
import type { Store } from '../../src/storage/store.js';
import { TEST_DIALECTS, openSqliteFileStore, openTestStore, type TestStore } from '../support/stores.js';
import { helpDeskHarness, notifyUsers } from '../support/help-desk.js';
import { insertOpenIssues } from '../support/bulk.js';

const engineFor = (store: Store, clock: ManualClock, holder: string): Engine => ({
  store,
  clock,
  log: silentLogger,
  processors: [helpDeskProcessor('UTC')],
  holder,
});

test('ticks are multiples of the rate', () => {
  const rate = 15 * 60_000;
  assert.equal(nextTick(Date.parse('2026-03-02T08:07:00Z'), rate), Date.parse('2026-03-02T08:15:00Z'));
  assert.equal(nextTick(Date.parse('2026-03-02T08:15:00Z'), rate), Date.parse('2026-03-02T08:30:00Z'));
});

for (const dialect of TEST_DIALECTS) {
  describe(`scheduler and run lock [${dialect}]`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(dialect);
    });
    afterEach(async () => {
      await store.close();
    });

    test('runs at every 15-minute mark on the injected clock', async () => {
      const clock = new ManualClock('2026-03-02T08:07:00Z');
      const scheduler = startScheduler(engineFor(store, clock, 'a'), 15 * 60_000);
      await clock.advanceTo('2026-03-02T09:00:00Z');
      await scheduler.stop();
      const runs = (await listRuns(store.db)).reverse();
      assert.deepEqual(runs.map((r) => new Date(r.at).toISOString().slice(11, 16)), ['08:15', '08:30', '08:45', '09:00']);
      assert.ok(runs.every((r) => r.status === 'finished' && r.trigger === 'schedule'));
    });

    test('a 1-second rate runs every second', async () => {
      const clock = new ManualClock('2026-03-02T08:00:00.500Z');
      const scheduler = startScheduler(engineFor(store, clock, 'a'), 1000);
      await clock.advanceTo('2026-03-02T08:00:05Z');
      await scheduler.stop();
      assert.equal((await listRuns(store.db)).length, 5);
    });

    test('a run never starts while another holds the lease; a dead holder’s lease expires', async () => {
      const clock = new ManualClock('2026-03-02T08:00:00Z');
      assert.equal(await tryAcquireLease(store.db, RUN_LOCK, 'crashed-process', clock.now(), 10 * 60_000), true);
      assert.deepEqual(await executeRun(engineFor(store, clock, 'b')), { skipped: 'locked', at: clock.now() });
      clock.set('2026-03-02T08:10:00Z');
      const outcome = await executeRun(engineFor(store, clock, 'b'));
      assert.ok('runId' in outcome, 'the lease expired after 10 minutes');
    });

    test('two processes aiming at the same scheduled instant: one runs it', async () => {
      const clock = new ManualClock('2026-03-02T08:15:00Z');
      const at = clock.now();
      const first = await executeRun(engineFor(store, clock, 'a'), { at, trigger: 'schedule' });
      const second = await executeRun(engineFor(store, clock, 'b'), { at, trigger: 'schedule' });
      assert.ok('runId' in first);
      assert.deepEqual(second, { skipped: 'already-ran', at });
    });
  });
}

async function concurrentRuns(first: Store, second: Store) {
  const h = helpDeskHarness(first, '2026-03-02T08:00:00Z');
  await h.load({
    users: [{ id: 'stan', name: 'Stan', email: 'stan@example.com', role: 'agent' }],
    rules: [{ name: 'R', processOrder: 1, interval: { hours: 1 }, after: 'submitted', actions: [notifyUsers('stan')] }],
  });
  await insertOpenIssues(first, 300, { due: 300, dueBy: Date.parse('2026-03-02T12:00:00Z') });
  const clock = new ManualClock('2026-03-02T12:00:00Z');
  const outcomes = await Promise.all([executeRun(engineFor(first, clock, 'a')), executeRun(engineFor(second, clock, 'b'))]);
  const ran = outcomes.filter((o) => 'runId' in o);
  const skipped = outcomes.filter((o) => 'skipped' in o);
  assert.equal(ran.length + skipped.length, 2);
  assert.ok(ran.length >= 1);
  // Whether the second started after the first finished or was refused, each issue escalated once.
  const total = ran.reduce((sum, o) => sum + ('escalations' in o ? o.escalations : 0), 0);
  assert.equal(total, 300);
}

if (TEST_DIALECTS.includes('postgres')) {
  test('two connection pools (two processes) on PostgreSQL never overlap a run', async () => {
    const store = await openTestStore('postgres');
    const other = await store.reopen();
    try {
      await concurrentRuns(store, other);
    } finally {
      await other.close();
      await store.close();
    }
  });
}

test('two connections (two processes) on one SQLite file never overlap a run', async () => {
  const file = await openSqliteFileStore();
  const other = await file.reopen();
  try {
    await concurrentRuns(file.store, other);
  } finally {
    await other.close();
    await file.store.close();
    file.cleanup();
  }
});
