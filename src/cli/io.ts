import fs from 'node:fs';
import { InputError } from '../errors.js';

/** Where a command writes; tests pass buffers, the binary passes process streams. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** Reads and parses a JSON file (or standard input for `-`); a bad file is an InputError naming it. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : `cannot read: ${(error as Error).message}`;
    throw new InputError({ field: '', reason }, file);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputError({ field: '', reason: `not valid JSON: ${(error as Error).message}` }, file === '-' ? 'standard input' : file);
  }
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Left-aligned columns for list commands. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
