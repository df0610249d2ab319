/**
 * bench/api: requests per second and p99 latency for reading an issue and creating an issue, next
 * to a bare Fastify route returning a constant (the ceiling on this machine), in one run.
 *
 *   npm run build && npm run bench:api
 *   BENCH_SECONDS=5 BENCH_CONNECTIONS=10 npm run bench:api
 *
 * Each server runs in its own process (as in production); autocannon drives it from this one.
 * The store is SQLite on a temp file (the default deployment), with 10,000 issues.
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
import { blankIssue } from '../../src/domains/helpdesk/issues.js';
import { inTransaction } from '../../src/storage/store.js';
import { printTable } from '../support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

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

async function load(options: autocannon.Options): Promise<{ rps: number; p99: number; errors: number }> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, ...options });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalator-bench-api-'));
const databaseUrl = `sqlite:${path.join(dir, 'bench.db')}`;
const store = await openStore(databaseUrl);
const ctx = { store, clock: new ManualClock(Date.now()), timeZone: 'UTC' };
await loadSetup(ctx, { users: [{ id: 'agent', name: 'Agent', email: 'agent@example.com', role: 'agent' }], lookups: { priorities: ['Low', 'High'] } });
await createAdmin(ctx, { email: 'root@example.com', id: 'root', password: 'bench password 1' });
const token = (await createApiToken(ctx, (await getUser(store.db, 'root'))!, 'bench')).token;
const now = Date.now();
const issues = Array.from({ length: 10_000 }, (_, i) => blankIssue(String(i + 1), `Issue ${i + 1}`, now, { description: 'A printer is on fire', priority: 'High', submitter: 'agent' }));
await inTransaction(store, (trx) => insertIssues(trx, issues));
await store.close();

const bare = await start(process.execPath, ['--import', 'tsx', 'bench/api/bare-server.ts'], {});
const real = await start(process.execPath, ['bin/escalator.js', 'serve'], { DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'warn' });
const auth = { authorization: `Bearer ${token}` };
try {
  const ceiling = await load({ url: `${bare.url}/` });
  const read = await load({ url: `${real.url}/api/v1/issues/5000`, headers: auth });
  const create = await load({
    url: `${real.url}/api/v1/issues`,
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ subject: 'Created by the bench', priority: 'Low' }),
  });
  const row = (name: string, r: { rps: number; p99: number; errors: number }) => [name, r.rps.toFixed(0), `${r.p99} ms`, `${((r.rps / ceiling.rps) * 100).toFixed(0)}%`, String(r.errors)];
  printTable(
    ['request', 'requests/s', 'p99', 'of ceiling', 'errors'],
    [row('bare Fastify, constant (ceiling)', ceiling), row('GET /api/v1/issues/{id}', read), row('POST /api/v1/issues', create)],
  );
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, SQLite, 10,000 issues, bearer-token auth.`);
} finally {
  bare.child.kill('SIGTERM');
  real.child.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
}
