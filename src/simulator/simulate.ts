/**
 * Runs a scenario through the real engine: an in-memory SQLite store with the same migrations, the
 * same rule, issue and run code as production, under a ManualClock. Only time is virtual.
 */
import { ManualClock } from '../clock.js';
import { openStore } from '../storage/store.js';
import { silentLogger } from '../logger.js';
import { executeRun } from '../engine/run.js';
import { listEscalations } from '../storage/escalations.js';
import { helpDeskProcessor } from '../domains/helpdesk/processor.js';
import { loadParsedSetup } from '../domains/setup-document.js';
import { addNote, createIssueIn, updateIssue } from '../domains/helpdesk/issues.js';
import type { HelpDeskContext } from '../domains/helpdesk/context.js';
import type { NewIssueDocument } from '../domains/helpdesk/issue-document.js';
import { inTransaction } from '../storage/store.js';
import { InputError, type FieldProblem } from '../errors.js';
import { isValidTimeZone } from '../time.js';
import { parseWith } from '../validation.js';
import { scenarioSchema, taskRateMs, type IssueEvent } from './scenario.js';

export interface EscalationLine {
  at: string;
  run: number;
  issue: string;
  rule: string;
  escalationCount: number;
  changes: Record<string, [unknown, unknown]>;
  notes: { visibility: 'public' | 'private'; text: string }[];
  recipients: string[];
  closed: boolean;
}

export interface SimulationResult {
  runs: number;
  escalations: EscalationLine[];
}

type TimedStep = { at: number; order: number; apply: () => Promise<unknown>; where: string };

export async function simulate(input: unknown, source?: string): Promise<SimulationResult> {
  const scenario = parseWith(scenarioSchema, input, source);
  if (!isValidTimeZone(scenario.timeZone)) throw new InputError({ field: 'timeZone', reason: 'not an IANA time zone' }, source);
  const start = Date.parse(scenario.start);
  const until = Date.parse(scenario.until);
  const rate = taskRateMs(scenario.taskRate);

  const issueIds = new Set(scenario.issues.flatMap((i) => (i.id ? [i.id] : [])));
  const problems: FieldProblem[] = [];
  scenario.events.forEach((e, i) => {
    if (!issueIds.has(e.issue)) problems.push({ field: `events[${i}].issue`, reason: `no issue ${JSON.stringify(e.issue)} in "issues"` });
  });
  if (problems.length > 0) throw new InputError(problems, source);

  // Issues submitted after `start` appear when the clock reaches their submit instant.
  const submittedAt = (i: NewIssueDocument) => (i.submittedAt ? Date.parse(i.submittedAt) : start);
  const initial = scenario.issues.filter((i) => submittedAt(i) <= start);
  const later = scenario.issues.filter((i) => submittedAt(i) > start);
  const earliest = Math.min(start, ...scenario.events.map((e) => Date.parse(e.at)));

  const clock = new ManualClock(earliest);
  const store = await openStore(':memory:');
  try {
    const ctx: HelpDeskContext = { store, clock, timeZone: scenario.timeZone };
    await loadParsedSetup(ctx, { ...scenario, issues: initial }, source);

    const steps: TimedStep[] = [
      ...later.map((issue, n) => ({
        at: submittedAt(issue),
        order: n,
        where: `issues[${scenario.issues.indexOf(issue)}]`,
        apply: () => inTransaction(store, (trx) => createIssueIn(ctx, trx, issue)),
      })),
      ...scenario.events.map((event, n) => ({
        at: Date.parse(event.at),
        order: later.length + n,
        where: `events[${n}]`,
        apply: () => applyEvent(ctx, event),
      })),
    ].sort((a, b) => a.at - b.at || a.order - b.order);

    const engine = { store, clock, log: silentLogger, processors: [helpDeskProcessor(scenario.timeZone)] };
    const lines: EscalationLine[] = [];
    let next = 0;
    let run = 0;
    for (let at = start; at <= until; at += rate) {
      while (next < steps.length && steps[next]!.at <= at) {
        const step = steps[next++]!;
        clock.set(Math.max(clock.now(), step.at));
        try {
          await step.apply();
        } catch (error) {
          throw error instanceof InputError ? error.within(step.where, source) : error;
        }
      }
      clock.set(at);
      run++;
      const outcome = await executeRun(engine, { at, trigger: 'schedule' });
      if (!('runId' in outcome)) continue;
      for (const e of await listEscalations(store.db, { runId: outcome.runId })) {
        lines.push({
          at: new Date(e.at).toISOString(),
          run,
          issue: e.issueId,
          rule: e.ruleName,
          escalationCount: e.escalationCount,
          changes: e.changes,
          notes: e.notes,
          recipients: e.recipients,
          closed: e.changes.status?.[1] === 'closed',
        });
      }
    }
    return { runs: run, escalations: lines };
  } finally {
    await store.close();
  }
}

async function applyEvent(ctx: HelpDeskContext, event: IssueEvent): Promise<void> {
  if (event.set) await updateIssue(ctx, event.issue, event.set);
  if (event.note) await addNote(ctx, event.issue, event.note);
  if (event.close) await updateIssue(ctx, event.issue, { status: 'closed' });
  if (event.reopen) await updateIssue(ctx, event.issue, { status: 'open' });
}
