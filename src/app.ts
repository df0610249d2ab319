/**
 * The composition root: the one place that wires storage, engine, domains and mail together.
 * The CLI and the HTTP server build on it; nothing below it imports it.
 */
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { openStore, type Store } from './storage/store.js';
import type { Engine } from './engine/run.js';
import { helpDeskProcessor } from './domains/helpdesk/processor.js';
import { trainingProcessor } from './domains/training/processor.js';
import type { HelpDeskContext } from './domains/helpdesk/context.js';
import { IssueDocumentCache } from './domains/helpdesk/issue-document-cache.js';
import { mailboxTransport, smtpTransport, type MailTransport } from './mail/transport.js';
import type { MailSenderOptions } from './mail/sender.js';
import { Metrics } from './metrics.js';
import { SignInThrottle, TokenCache } from './domains/accounts/sign-in.js';

export interface App {
  config: Config;
  store: Store;
  clock: Clock;
  log: Logger;
  engine: Engine;
  helpDesk: HelpDeskContext;
  mail: MailSenderOptions;
  metrics: Metrics;
  signInThrottle: SignInThrottle;
  tokenCache: TokenCache;
  /** Set by `serve`: wakes the mail sender after a run or a requeue, instead of its next poll. */
  afterRun?: () => void;
  close(): Promise<void>;
}

export async function openApp(config: Config, options: { clock?: Clock; log?: Logger; store?: Store } = {}): Promise<App> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const store = options.store ?? (await openStore(config.DATABASE_URL));
  const timeZone = config.ESCALATOR_TIME_ZONE;
  const transport: MailTransport = config.SMTP_URL ? smtpTransport(config.SMTP_URL, config.MAIL_FROM) : mailboxTransport();
  const metrics = new Metrics(store, clock);
  const engine: Engine = {
    store,
    clock,
    log,
    processors: [helpDeskProcessor(timeZone), trainingProcessor(timeZone)],
    holder: `escalator-${randomUUID()}`,
    onRun: (summary) => metrics.observeRun(summary),
  };
  return {
    config,
    store,
    clock,
    log,
    engine,
    helpDesk: { store, clock, timeZone, issueDocuments: config.ISSUE_CACHE_SIZE > 0 ? new IssueDocumentCache(config.ISSUE_CACHE_SIZE) : undefined },
    metrics,
    signInThrottle: new SignInThrottle(),
    tokenCache: new TokenCache(),
    mail: { store, clock, transport, log, maxAttempts: config.MAIL_MAX_ATTEMPTS, observe: (kind, outcome) => metrics.observeDelivery(kind, outcome) },
    async close() {
      transport.close();
      await store.close();
    },
  };
}
