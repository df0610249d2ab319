/**
 * Prometheus metrics (prom-client). Counters are fed by this process's runs and deliveries (a
 * PostgreSQL deployment sums them across processes, as Prometheus does); the "due" and "pending"
 * gauges are read at scrape time through the same partial indexes the engine uses, so a scrape
 * stays cheap however much history is stored.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { sql } from 'kysely';
import type { Store } from './storage/store.js';
import type { Clock } from './clock.js';
import type { RunSummary } from './engine/run.js';

export type DeliveryKind = 'email' | 'webhook';
export type DeliveryOutcome = 'sent' | 'retry' | 'failed';

export class Metrics {
  readonly registry = new Registry();
  private readonly runs = new Counter({ name: 'escalator_runs_total', help: 'Escalation runs, by status', labelNames: ['status'], registers: [this.registry] });
  private readonly runDuration = new Histogram({
    name: 'escalator_run_duration_seconds',
    help: 'Wall time of a run',
    buckets: [0.005, 0.025, 0.1, 0.5, 1, 5, 30, 120],
    registers: [this.registry],
  });
  private readonly escalations = new Counter({ name: 'escalator_escalations_total', help: 'Help-desk escalations made', registers: [this.registry] });
  private readonly reminders = new Counter({ name: 'escalator_reminders_total', help: 'Training reminders sent', registers: [this.registry] });
  private readonly lateness = new Histogram({
    name: 'escalator_escalation_lateness_seconds',
    help: 'How long after an issue became due its escalation ran (bounded by the task rate)',
    buckets: [1, 10, 60, 300, 900, 1800, 3600, 4 * 3600],
    registers: [this.registry],
  });
  private readonly deliveries = new Counter({
    name: 'escalator_deliveries_total',
    help: 'Outbox deliveries by kind (email, webhook) and outcome (sent, retry, failed)',
    labelNames: ['kind', 'outcome'],
    registers: [this.registry],
  });

  constructor(store: Store, clock: Clock) {
    const registry = this.registry;
    new Gauge({
      name: 'escalator_issues_due',
      help: 'Open issues whose next check has come (waiting for the next run)',
      registers: [registry],
      async collect() {
        const row = await store.db.selectFrom('issues').select(sql<number>`count(*)`.as('n')).where('next_check_at', 'is not', null).where('next_check_at', '<=', clock.now()).executeTakeFirst();
        this.set(Number(row?.n ?? 0));
      },
    });
    new Gauge({
      name: 'escalator_enrollments_due',
      help: 'Enrollments with a reminder or retake due (waiting for the next run)',
      registers: [registry],
      async collect() {
        const row = await store.db.selectFrom('enrollments').select(sql<number>`count(*)`.as('n')).where('next_action_at', 'is not', null).where('next_action_at', '<=', clock.now()).executeTakeFirst();
        this.set(Number(row?.n ?? 0));
      },
    });
    new Gauge({
      name: 'escalator_outbox_pending',
      help: 'Emails and webhook deliveries waiting to be sent (including those waiting to retry)',
      labelNames: ['kind'],
      registers: [registry],
      async collect() {
        const rows = await store.db
          .selectFrom('outbox')
          .select(['kind', sql<number>`count(*)`.as('n')])
          .where('status', '=', sql.lit('pending'))
          .groupBy('kind')
          .execute();
        this.reset();
        this.set({ kind: 'email' }, 0);
        this.set({ kind: 'webhook' }, 0);
        for (const r of rows) this.inc({ kind: r.kind === 'webhook' ? 'webhook' : 'email' }, Number(r.n));
      },
    });
  }

  observeRun(summary: RunSummary): void {
    this.runs.inc({ status: summary.status });
    this.runDuration.observe(summary.durationMs / 1000);
    this.escalations.inc(summary.escalations);
    this.reminders.inc(summary.reminders);
    for (const ms of summary.latenessMs) this.lateness.observe(ms / 1000);
  }

  observeDelivery(kind: DeliveryKind, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ kind, outcome });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
