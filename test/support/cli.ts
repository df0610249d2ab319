import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process against `env`, capturing its output. */
export async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'escalator', ...args], { out: (t) => void (stdout += t), err: (t) => void (stderr += t) }, env);
  return { code, stdout, stderr };
}

/** A scratch folder with a SQLite database URL and a helper to write JSON files into it. */
export function workspace() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'escalator-cli-'));
  return {
    dir,
    env: { DATABASE_URL: `sqlite:${path.join(dir, 'escalator.db')}`, LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv,
    file(name: string, content: unknown): string {
      const full = path.join(dir, name);
      fs.writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content));
      return full;
    },
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
