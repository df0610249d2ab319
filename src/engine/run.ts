/**
 * One escalations run at instant T. A lease in the database makes runs exclusive across
 * processes; a scheduled instant that already has a run (another `serve` took it) is skipped.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Store } from '../storage/store.js';
import type { Logger } from '../logger.js';
import { finishRun, insertRun, scheduledRunExists, type RunTrigger } from '../storage/runs.js';
import { releaseLease, tryAcquireLease } from '../storage/locks.js';
import { queueWebhookEvent } from '../storage/webhooks.js';
import { inTransaction } from '../storage/store.js';
import type { RunProcessor } from './processor.js';

export const RUN_LOCK = 'escalations-run';

export interface Engine {
  store: Store;
  clock: Clock;
  log: Logger;
  processors: readonly RunProcessor[];
  /** Identifies this process as the lease holder. */
  holder?: string;
  /** How long a run may hold the lock before others may assume it died. */
  leaseMs?: number;
  /** Told about every finished run (metrics). */
  onRun?: (summary: RunSummary) => void;
}

export interface RunSummary {
  runId: number;
  at: number;
  trigger: RunTrigger;
  status: 'finished' | 'failed';
  issuesChecked: number;
  escalations: number;
  reminders: number;
  durationMs: number;
  error: string | null;
  /** How late, after its due instant, each escalation and reminder of the run went out (ms). */
  latenessMs: number[];
}

export type RunOutcome = RunSummary | { skipped: 'locked' | 'already-ran'; at: number };

const DEFAULT_LEASE_MS = 10 * 60_000;

export async function executeRun(engine: Engine, options: { at?: number; trigger?: RunTrigger } = {}): Promise<RunOutcome> {
  const { store, clock, log } = engine;
  const holder = engine.holder ?? `run-${randomUUID()}`;
  const at = options.at ?? clock.now();
  const trigger = options.trigger ?? 'manual';
  const leaseMs = engine.leaseMs ?? DEFAULT_LEASE_MS;

  if (!(await tryAcquireLease(store.db, RUN_LOCK, holder, clock.now(), leaseMs))) return { skipped: 'locked', at };
  try {
    if (trigger === 'schedule' && (await scheduledRunExists(store.db, at))) return { skipped: 'already-ran', at };
    const keepAlive = async () => {
      if (!(await tryAcquireLease(store.db, RUN_LOCK, holder, clock.now(), leaseMs))) throw new Error('the run lost its lease to another process');
    };
    const startedAt = clock.now();
    const runId = await insertRun(store.db, { at, trigger, startedAt });
    const totals = { issuesChecked: 0, escalations: 0, reminders: 0 };
    const latenessMs: number[] = [];
    let error: string | null = null;
    for (const processor of engine.processors) {
      try {
        const result = await processor.process({ store, clock, runId, at, log, keepAlive });
        totals.issuesChecked += result.checked;
        totals.escalations += result.escalations ?? 0;
        totals.reminders += result.reminders ?? 0;
        latenessMs.push(...(result.latenessMs ?? []));
      } catch (cause) {
        // One domain failing must not stop the other's escalations; the run is marked failed.
        error = `${processor.name}: ${cause instanceof Error ? cause.message : String(cause)}`;
        log.error({ err: cause, runId, processor: processor.name }, 'run processor failed');
      }
    }
    const finishedAt = clock.now();
    const status = error ? 'failed' : 'finished';
    const summary: RunSummary = { runId, at, trigger, status, ...totals, durationMs: finishedAt - startedAt, error, latenessMs };
    const { latenessMs: _omit, ...reported } = summary;
    await inTransaction(store, async (trx) => {
      await finishRun(trx, runId, { status, finishedAt, error, ...totals });
      await queueWebhookEvent(trx, 'run.finished', { ...reported, at: new Date(at).toISOString() }, finishedAt);
    });
    log.info(reported, 'run finished');
    engine.onRun?.(summary);
    return summary;
  } finally {
    await releaseLease(store.db, RUN_LOCK, holder);
  }
}
