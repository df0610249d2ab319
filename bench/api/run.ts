/**
 * bench/api: requests per second and p99 latency for reading an issue and creating an issue, next
 * to a bare Fastify route returning a constant (the ceiling on this machine), in one run.
 *
 *   npm run build && npm run bench:api
 *   BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_CONNECTIONS=10 npm run bench:api
 *
 * Each server runs in its own process (as in production); autocannon drives it from this one.
 * The store is SQLite on a temp file (the default deployment), with 10,000 issues, each with a
 * public and a private note. Reads are measured three ways: one issue over and over (a client
 * polling it), all 10,000 in turn (every document built once, then served while current), and
 * with the document cache off (ISSUE_CACHE_SIZE=0: every read builds the document).
 *
 * This shared 2-core machine's speed drifts by up to 2× within minutes, so the rows are measured
 * in rounds, each round taking every row in turn, and each row reports its median over the
 * rounds; "of ceiling" divides by the median ceiling.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { ManualClock } from '../../src/clock.js';
import { openStore } from '../../src/storage/store.js';
import { loadSetup } from '../../src/domains/setup-document.js';
import { createAdmin } from '../../src/domains/accounts/bootstrap.js';
import { createApiToken } from '../../src/domains/accounts/sign-in.js';
import { getUser } from '../../src/storage/users.js';
import { insertIssues } from '../../src/storage/issues.js';
import { insertNote } from '../../src/storage/notes.js';
import { blankIssue, showIssue, type IssueView } from '../../src/domains/helpdesk/issues.js';
import { IssueDocumentCache } from '../../src/domains/helpdesk/issue-document-cache.js';
import type { HelpDeskContext } from '../../src/domains/helpdesk/context.js';
import type { UserRecord } from '../../src/storage/users.js';
import { inTransaction } from '../../src/storage/store.js';
import { median, printTable } from '../support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ISSUES = 10_000;
// Every commit makes the next read of each cached issue check its stamp again (issue-document-cache.ts).
const WRITES_BESIDE = 200;

function start(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/\S+) /.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${out}`)));
  });
}

interface Sample {
  rps: number;
  p99: number;
  errors: number;
}

async function load(options: autocannon.Options): Promise<Sample> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

/**
 * The heap a full document cache takes: every issue's document and its JSON (what a server keeps
 * for an issue it has served), measured in this process after a forced GC.
 */
async function cacheFootprint(ctx: HelpDeskContext, ids: string[], reader: UserRecord): Promise<string> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return 'not measured (run with node --expose-gc)';
  gc();
  const before = process.memoryUsage().heapUsed;
  const cache = new IssueDocumentCache<IssueView>(ids.length);
  const cached = { ...ctx, issueDocuments: cache };
  const json: string[] = [];
  for (const id of ids) json.push(JSON.stringify(await showIssue(cached, id, reader)));
  gc();
  const bytes = process.memoryUsage().heapUsed - before;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB for ${cache.size.toLocaleString('en')} issues (${(bytes / ids.length / 1024).toFixed(1)} KB each)`;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalator-bench-api-'));
const databaseUrl = `sqlite:${path.join(dir, 'bench.db')}`;
const store = await openStore(databaseUrl);
const ctx = { store, clock: new ManualClock(Date.now()), timeZone: 'UTC' };
await loadSetup(ctx, { users: [{ id: 'agent', name: 'Agent', email: 'agent@example.com', role: 'agent' }], lookups: { priorities: ['Low', 'High'] } });
await createAdmin(ctx, { email: 'root@example.com', id: 'root', password: 'bench password 1' });
const token = (await createApiToken(ctx, (await getUser(store.db, 'root'))!, 'bench')).token;
const now = Date.now();
const issues = Array.from({ length: ISSUES }, (_, i) => blankIssue(String(i + 1), `Issue ${i + 1}`, now, { description: 'A printer is on fire', priority: 'High', submitter: 'agent' }));
await inTransaction(store, async (trx) => {
  await insertIssues(trx, issues);
  for (const issue of issues) {
    await insertNote(trx, { issueId: issue.id, createdAt: now, visibility: 'public', text: 'We are on our way with an extinguisher.', author: 'agent', escalationId: null });
    await insertNote(trx, { issueId: issue.id, createdAt: now, visibility: 'private', text: 'Third printer fire this month on this floor.', author: 'agent', escalationId: null });
  }
});
const footprint = await cacheFootprint(ctx, issues.map((issue) => issue.id), (await getUser(store.db, 'root'))!);
await store.close();

const bare = await start(process.execPath, ['--import', 'tsx', 'bench/api/bare-server.ts'], {});
const real = await start(process.execPath, ['bin/escalator.js', 'serve'], { DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn' });
const uncached = await start(process.execPath, ['bin/escalator.js', 'serve'], { DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn', ISSUE_CACHE_SIZE: '0' });
const auth = { authorization: `Bearer ${token}` };
const create = (options: autocannon.Options | object = {}) =>
  load({
    url: `${real.url}/api/v1/issues`,
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'Created by the bench', priority: 'Low' }),
    ...options,
  });
let next = 0;
const inTurn = (request: autocannon.Request) => ({ ...request, path: `/api/v1/issues/${(next++ % ISSUES) + 1}` });

const rows: { name: string; run: () => Promise<Sample> }[] = [
  { name: 'bare Fastify, constant (ceiling)', run: () => load({ url: `${bare.url}/` }) },
  { name: 'GET /api/v1/issues/{id}, one issue', run: () => load({ url: `${real.url}/api/v1/issues/5000`, headers: auth }) },
  { name: `GET /api/v1/issues/{id}, ${ISSUES.toLocaleString('en')} in turn`, run: () => load({ url: real.url, headers: auth, requests: [{ setupRequest: inTurn }] }) },
  { name: `GET /api/v1/issues/{id}, ${ISSUES.toLocaleString('en')} in turn, no cache`, run: () => load({ url: uncached.url, headers: auth, requests: [{ setupRequest: inTurn }] }) },
  {
    name: `GET /api/v1/issues/{id}, one issue, ${WRITES_BESIDE} creates/s beside`,
    run: async () => (await Promise.all([load({ url: `${real.url}/api/v1/issues/5000`, headers: auth }), create({ connections: 1, overallRate: WRITES_BESIDE })]))[0],
  },
  { name: 'POST /api/v1/issues', run: () => create() },
];
try {
  const samples = rows.map(() => [] as Sample[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, row] of rows.entries()) samples[i]!.push(await row.run());
  }
  const ceiling = median(samples[0]!.map((s) => s.rps));
  printTable(
    ['request', 'requests/s', 'p99', 'of ceiling', 'errors', 'each round (req/s)'],
    rows.map((row, i) => {
      const rps = median(samples[i]!.map((s) => s.rps));
      const errors = samples[i]!.reduce((sum, s) => sum + s.errors, 0);
      const rounds = samples[i]!.map((s) => s.rps.toFixed(0)).join(' · ');
      return [row.name, rps.toFixed(0), `${median(samples[i]!.map((s) => s.p99))} ms`, `${((rps / ceiling) * 100).toFixed(0)}%`, String(errors), rounds];
    }),
  );
  console.log(`\nMedian of ${ROUNDS} rounds; ${CONNECTIONS} connections, ${SECONDS} s per row per round; SQLite, ${ISSUES.toLocaleString('en')} issues with 2 notes each; bearer-token auth.`);
  console.log(`Document cache when full: ${footprint}.`);
} finally {
  for (const server of [bare, real, uncached]) server.child.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
