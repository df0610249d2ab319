import type { TimerHandle } from '../clock.js';
import { deliverDueMail, type MailSenderOptions } from './sender.js';

export interface MailWorker {
  /** Deliver now (after a run queued mail) instead of waiting for the next poll. */
  poke(): void;
  stop(): Promise<void>;
}

/** Polls the outbox every `pollMs` on the injected clock; one delivery pass at a time. */
export function startMailWorker(options: MailSenderOptions, pollMs: number): MailWorker {
  let timer: TimerHandle | undefined;
  let stopped = false;
  let busy: Promise<void> | null = null;
  let again = false;

  const pass = (): Promise<void> | undefined => {
    if (stopped) return;
    if (busy) {
      again = true;
      return busy;
    }
    timer?.cancel();
    busy = deliverDueMail(options)
      .then(() => undefined)
      .catch((error: unknown) => options.log.error({ err: error }, 'mail delivery pass failed'))
      .finally(() => {
        busy = null;
        if (again) {
          again = false;
          pass();
        } else if (!stopped) {
          timer = options.clock.at(options.clock.now() + pollMs, pass);
        }
      });
    return busy;
  };
  void pass();

  return {
    poke: () => void pass(),
    async stop() {
      stopped = true;
      timer?.cancel();
      await busy;
    },
  };
}
