/**
 * The `escalator` command. Exit codes: 0 ok, 2 bad input (the message names the file, the field
 * and the reason), 1 anything else.
 */
import { Command, CommanderError } from 'commander';
import { ConflictError, ForbiddenError, InputError, NotFoundError } from '../errors.js';
import { processOutput, type Output } from './io.js';
import type { CliContext } from './context.js';
import { registerServe } from './commands/serve.js';
import { registerRun } from './commands/run.js';
import { registerRules } from './commands/rules.js';
import { registerIssues } from './commands/issues.js';
import { registerMail } from './commands/mail.js';
import { registerLoad } from './commands/load.js';
import { registerDemo } from './commands/demo.js';
import { registerSimulate } from './commands/simulate.js';
import { registerTraining } from './commands/training.js';
import { registerUsers } from './commands/users.js';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('escalator')
    .description('Escalation rules engine for help desks and training teams')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.out, writeErr: ctx.io.err })
    .showHelpAfterError(false);
  for (const register of [registerServe, registerRun, registerRules, registerIssues, registerMail, registerLoad, registerDemo, registerSimulate, registerTraining, registerUsers]) {
    register(program, ctx);
  }
  // Sub-commands inherit the overrides so their usage errors also come back as exit code 2.
  const inherit = (command: Command) => {
    for (const sub of command.commands) {
      sub.exitOverride().configureOutput({ writeOut: ctx.io.out, writeErr: ctx.io.err });
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

export async function main(argv: string[], io: Output = processOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = buildProgram({ io, env });
  try {
    await program.parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: Output): number {
  if (error instanceof CommanderError) {
    // Help and version "errors" are normal exits; usage mistakes are bad input.
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT_OK;
    return EXIT_BAD_INPUT;
  }
  if (error instanceof InputError) {
    io.err(`escalator: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (error instanceof NotFoundError || error instanceof ConflictError || error instanceof ForbiddenError) {
    io.err(`escalator: ${error.message}\n`);
    return EXIT_BAD_INPUT;
  }
  io.err(`escalator: ${error instanceof Error ? error.message : String(error)}\n`);
  if (process.env.ESCALATOR_DEBUG) io.err(`${(error as Error)?.stack ?? ''}\n`);
  return EXIT_FAILURE;
}
