/**
 * The engine runs "processors" — one per domain (help desk, training) — inside one run: same
 * instant, same lock, same run record. It knows nothing of what they do.
 */
import type { Clock } from '../clock.js';
import type { Store } from '../storage/store.js';
import type { Logger } from '../logger.js';

export interface RunContext {
  store: Store;
  clock: Clock;
  runId: number;
  /** The instant the run evaluates: every "T" in the docs. */
  at: number;
  log: Logger;
  /**
   * Extends the run's lease. Processors call it between batches so a long run keeps the lock
   * (another process may take over only once a run has been silent for the whole lease).
   */
  keepAlive(): Promise<void>;
}

export interface ProcessorResult {
  /** Records read because they were due. */
  checked: number;
  escalations?: number;
  reminders?: number;
  /** For each escalation or reminder: how long after it became due the run got to it (ms). */
  latenessMs?: number[];
}

export interface RunProcessor {
  readonly name: string;
  process(run: RunContext): Promise<ProcessorResult>;
}
