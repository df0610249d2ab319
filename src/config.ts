/**
 * Configuration from environment variables. Every variable and its default is listed in the
 * README; a bad value stops start-up with a message naming the variable.
 */
import { z } from 'zod';
import { parseWith } from './validation.js';
import { isValidTimeZone } from './time.js';

const schema = z.object({
  DATABASE_URL: z.string().min(1).default('sqlite:./data/escalator.db'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  ESCALATION_TASK_RATE_SECONDS: z.coerce.number().int().min(1, 'the task rate is at least 1 second').default(900),
  ESCALATOR_TIME_ZONE: z.string().default('UTC').refine(isValidTimeZone, 'not an IANA time zone (e.g. Europe/Lisbon)'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Escalator <escalator@localhost>'),
  MAIL_POLL_SECONDS: z.coerce.number().min(0.1).default(5),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(24),
  ISSUE_CACHE_SIZE: z.coerce.number().int().min(0, 'the cache size is 0 (off) or more').default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.output<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(Object.keys(schema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  return parseWith(schema, relevant, 'environment');
}
