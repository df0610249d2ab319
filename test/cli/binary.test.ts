/**
 * The installed command itself (bin/escalator.js over the build that `npm install` makes):
 * `simulate` prints the documented lines, and `serve` migrates a fresh database, answers
 * /healthz, and stops cleanly on SIGTERM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { workspace } from '../support/cli.js';

const bin = 'bin/escalator.js';

test('the built binary exists (npm install runs the build)', () => {
  assert.ok(fs.existsSync('dist/cli/main.js'), 'dist/ is missing: run npm install (or npm run build)');
});

test('escalator simulate … --format json prints the expected lines; bad input exits 2', () => {
  const ok = spawnSync(process.execPath, [bin, 'simulate', 'examples/rule-x-y.json', '--format', 'json'], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(ok.stdout, fs.readFileSync('examples/rule-x-y.expected.jsonl', 'utf8'));
  const bad = spawnSync(process.execPath, [bin, 'simulate', 'package.json'], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^escalator: package\.json: \d+ problems\n {2}start: /);
  assert.doesNotMatch(bad.stderr, /\n\s+at /, 'no stack trace');
});

test('escalator serve: fresh SQLite database, /healthz, clean stop', async () => {
  const ws = workspace();
  const child = spawn(process.execPath, [bin, 'serve'], { env: { ...process.env, ...ws.env, PORT: '0', ESCALATION_TASK_RATE_SECONDS: '1' } });
  try {
    const address = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (http:\/\/\S+) /.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
    });
    const response = await fetch(`${address}/healthz`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { status: string; database: string; nextRunAt: string };
    assert.equal(body.status, 'ok');
    assert.equal(body.database, 'sqlite');
    assert.match(body.nextRunAt, /^\d{4}-\d{2}-\d{2}T/);
    assert.ok(fs.existsSync(`${ws.dir}/escalator.db`));
  } finally {
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    ws.cleanup();
    assert.equal(code, 0);
  }
});
