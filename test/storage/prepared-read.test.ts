/**
 * Prepared reads (src/storage/prepared-read.ts) on every store kind the product runs on: SQLite in
 * memory (simulator, tests), SQLite on a file (the default; reads use a second connection) and
 * PostgreSQL (named prepared statements). They return what the query builder returns, bind
 * parameters by position, and never see a transaction that has not committed.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_DIALECTS, openSqliteFileStore, openTestStore } from '../support/stores.js';
import { inTransaction, type Store } from '../../src/storage/store.js';
import { preparedRead } from '../../src/storage/prepared-read.js';
import { insertIssues } from '../../src/storage/issues.js';
import { blankIssue } from '../../src/domains/helpdesk/issues.js';

const at = Date.parse('2026-03-02T08:00:00Z');

const subjectsRead = preparedRead('test-subjects', 2, (db, status: string, afterId: string) =>
  db.selectFrom('issues').select(['id', 'subject']).where('status', '=', status).where('id', '>', afterId).where('priority', '=', 'High').orderBy('id'),
);
const subjectRead = preparedRead('test-subject', 1, (db, id: string) => db.selectFrom('issues').select('subject').where('id', '=', id));

const kinds = [
  ...TEST_DIALECTS.map((dialect) => ({ name: dialect === 'sqlite' ? 'sqlite in memory' : dialect, open: async () => openTestStore(dialect) })),
  ...(TEST_DIALECTS.includes('sqlite')
    ? [
        {
          name: 'sqlite file',
          open: async () => {
            const file = await openSqliteFileStore();
            const other = await file.reopen();
            return {
              ...file.store,
              other,
              close: async () => {
                await other.close();
                await file.store.close();
                file.cleanup();
              },
            } as Store;
          },
        },
      ]
    : []),
];

for (const kind of kinds) {
  describe(`prepared reads [${kind.name}]`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await kind.open();
      await insertIssues(store.db, [
        blankIssue('1', 'One', at, { priority: 'High' }),
        blankIssue('2', 'Two', at, { priority: 'Low' }),
        blankIssue('3', 'Three', at, { priority: 'High' }),
        blankIssue('4', 'Four', at, { priority: 'High', status: 'closed' }),
      ]);
    });
    afterEach(async () => {
      await store.close();
    });

    test('return what the query builder returns, parameters bound by position, constants kept', async () => {
      assert.deepEqual(await store.read(subjectsRead, 'open', '0'), [
        { id: '1', subject: 'One' },
        { id: '3', subject: 'Three' },
      ]);
      assert.deepEqual(await store.read(subjectsRead, 'open', '1'), [{ id: '3', subject: 'Three' }]);
      assert.deepEqual(await store.read(subjectsRead, 'closed', '0'), [{ id: '4', subject: 'Four' }]);
      assert.deepEqual(await store.read(subjectRead, 'missing'), []);
    });

    test('never see what a transaction has not committed, and see it once it has', async () => {
      let seenInside: unknown;
      await assert.rejects(
        inTransaction(store, async (trx) => {
          await trx.updateTable('issues').set({ subject: 'Uncommitted' }).where('id', '=', '1').execute();
          // Not awaited inside: on SQLite in memory the read waits for the transaction to end.
          seenInside = store.read(subjectRead, '1');
          throw new Error('roll back');
        }),
        /roll back/,
      );
      assert.deepEqual(await seenInside, [{ subject: 'One' }]);
      await inTransaction(store, (trx) => trx.updateTable('issues').set({ subject: 'Committed' }).where('id', '=', '1').execute());
      assert.deepEqual(await store.read(subjectRead, '1'), [{ subject: 'Committed' }]);
    });

    test('the data version moves with every commit, from this store or another, and only then', async () => {
      const other = (store as Store & { other?: Store }).other;
      if (!other) {
        // PostgreSQL and SQLite in memory cannot tell cheaply; callers read what they need instead.
        assert.equal(store.dataVersion(), undefined);
        return;
      }
      const first = store.dataVersion();
      assert.equal(typeof first, 'number');
      await store.read(subjectRead, '1');
      assert.equal(store.dataVersion(), first);
      await store.db.updateTable('issues').set({ subject: 'Mine' }).where('id', '=', '1').execute();
      const second = store.dataVersion();
      assert.notEqual(second, first);
      assert.equal(store.dataVersion(), second);
      await other.db.updateTable('issues').set({ subject: 'Theirs' }).where('id', '=', '1').execute();
      assert.notEqual(store.dataVersion(), second);
    });
  });
}

describe('prepared read declarations', () => {
  test('a name is declared once; every parameter is used', async () => {
    assert.throws(() => preparedRead('test-subject', 1, (db, id: string) => db.selectFrom('issues').select('id').where('id', '=', id)), /declared twice/);
    const unused = preparedRead('test-unused', 2, (db, id: string, _forgotten: string) => db.selectFrom('issues').select('id').where('id', '=', id));
    const store = await openTestStore('sqlite');
    try {
      await assert.rejects(store.read(unused, '1', '2'), /does not use all of its 2 parameters/);
    } finally {
      await store.close();
    }
  });
});
