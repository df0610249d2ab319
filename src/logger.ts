import { pino, type Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/** JSON logs on stderr (stdout is for command output). `LOG_LEVEL` picks the level. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}

export const silentLogger: Logger = pino({ level: 'silent' });
