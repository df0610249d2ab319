import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { readJsonFile } from '../io.js';
import { simulate } from '../../simulator/simulate.js';
import { formatJsonLines, formatTable } from '../../simulator/format.js';
import { InputError } from '../../errors.js';

export function registerSimulate(program: Command, ctx: CliContext): void {
  program
    .command('simulate')
    .argument('<scenario>', 'a scenario file (docs/simulator.md)')
    .option('--format <format>', 'json (one line per escalation) or table', 'table')
    .description('run a scenario through the real engine under a virtual clock; nothing is stored or sent')
    .action(async (file: string, options: { format: string }) => {
      if (options.format !== 'json' && options.format !== 'table') throw new InputError({ field: '--format', reason: 'must be "json" or "table"' });
      const result = await simulate(readJsonFile(file), file);
      ctx.io.out(options.format === 'json' ? formatJsonLines(result) : formatTable(result));
    });
}
