/**
 * The one source of time. Production uses the system clock; the simulator and the tests use a
 * ManualClock, so the engine code they run is the same code that runs in production.
 * Instants are epoch milliseconds (UTC) everywhere inside the program.
 */
export interface TimerHandle {
  cancel(): void;
}

export type TimerCallback = () => void | Promise<void>;

export interface Clock {
  now(): number;
  /**
   * Calls `callback` once the clock reaches `at` (or at once, if it already has). A callback may
   * return a promise: the ManualClock waits for it before moving on, as time would while work runs.
   */
  at(at: number, callback: TimerCallback): TimerHandle;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, callback) {
    // setTimeout caps delays at 2^31-1 ms (~24.8 days); re-arm in hops for anything later.
    const maxDelay = 2_147_483_647;
    let handle: NodeJS.Timeout;
    const arm = () => {
      const delay = at - Date.now();
      if (delay > maxDelay) handle = setTimeout(arm, maxDelay);
      else handle = setTimeout(() => void callback(), Math.max(0, delay));
    };
    arm();
    return { cancel: () => clearTimeout(handle) };
  },
};

interface PendingTimer {
  at: number;
  seq: number;
  callback: TimerCallback;
}

/** A clock that moves only when told to; timers fire in (instant, creation) order. */
export class ManualClock implements Clock {
  private current: number;
  private timers: PendingTimer[] = [];
  private seq = 0;

  constructor(start: number | string) {
    this.current = typeof start === 'string' ? Date.parse(start) : start;
    if (Number.isNaN(this.current)) throw new Error(`ManualClock: invalid start ${String(start)}`);
  }

  now(): number {
    return this.current;
  }

  set(instant: number | string): void {
    const next = typeof instant === 'string' ? Date.parse(instant) : instant;
    if (next < this.current) throw new Error('ManualClock: time cannot go backwards');
    this.current = next;
  }

  at(at: number, callback: TimerCallback): TimerHandle {
    const timer: PendingTimer = { at, seq: this.seq++, callback };
    this.timers.push(timer);
    return { cancel: () => { this.timers = this.timers.filter((t) => t !== timer); } };
  }

  /** Moves to `instant`, firing every timer due on the way, each with the clock at its own instant. */
  async advanceTo(instant: number | string): Promise<void> {
    const target = typeof instant === 'string' ? Date.parse(instant) : instant;
    for (;;) {
      const due = this.timers
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      if (due.at > this.current) this.current = due.at;
      await due.callback();
    }
    if (target > this.current) this.current = target;
  }

  pendingTimers(): number {
    return this.timers.length;
  }
}
