/**
 * Fires runs at every multiple of the task rate (00:00, 00:15, 00:30 … for 15 minutes), on the
 * injected clock. Aligning to fixed instants means every process of a PostgreSQL deployment aims
 * at the same T, and the first to take the lease runs it. A run that overruns skips the ticks it
 * covered rather than queueing them: the next run sees everything due by then anyway.
 */
import type { TimerHandle } from '../clock.js';
import { executeRun, type Engine, type RunOutcome } from './run.js';

export interface Scheduler {
  stop(): Promise<void>;
  /** The instant of the next scheduled run. */
  readonly nextRunAt: number;
}

export function nextTick(now: number, rateMs: number): number {
  return Math.floor(now / rateMs) * rateMs + rateMs;
}

export function startScheduler(engine: Engine, rateMs: number, onRun?: (outcome: RunOutcome) => void): Scheduler {
  if (!Number.isInteger(rateMs) || rateMs < 1000) throw new Error('the task rate must be a whole number of milliseconds, at least 1000');
  let timer: TimerHandle | undefined;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  let lastRunAt = -Infinity;
  let nextRunAt = 0;

  const arm = () => {
    if (stopped) return;
    nextRunAt = nextTick(Math.max(engine.clock.now(), lastRunAt), rateMs);
    timer = engine.clock.at(nextRunAt, () => {
      lastRunAt = nextRunAt;
      running = executeRun(engine, { at: nextRunAt, trigger: 'schedule' })
        .then((outcome) => onRun?.(outcome))
        .catch((error: unknown) => engine.log.error({ err: error }, 'scheduled run failed'))
        .finally(arm);
      return running;
    });
  };
  arm();

  return {
    get nextRunAt() {
      return nextRunAt;
    },
    async stop() {
      stopped = true;
      timer?.cancel();
      await running;
    },
  };
}
