/**
 * Runs a scenario through the real engine: an in-memory SQLite store with the same migrations, the
 * same rule, issue, reminder and run code as production, under a ManualClock. Only time is virtual.
 */
import { ManualClock } from '../clock.js';
import { openStore, inTransaction } from '../storage/store.js';
import { silentLogger } from '../logger.js';
import { executeRun } from '../engine/run.js';
import { listEscalations } from '../storage/escalations.js';
import { listReminders } from '../storage/training-reminders.js';
import { getEnrollment, type EnrollmentRecord } from '../storage/enrollments.js';
import { helpDeskProcessor } from '../domains/helpdesk/processor.js';
import { trainingProcessor } from '../domains/training/processor.js';
import { loadParsedSetup } from '../domains/setup-document.js';
import { addNote, createIssueIn, updateIssue } from '../domains/helpdesk/issues.js';
import { complete, enroll } from '../domains/training/enrollments.js';
import type { DomainContext } from '../domains/context.js';
import type { NewIssueDocument } from '../domains/helpdesk/issue-document.js';
import { InputError, type FieldProblem } from '../errors.js';
import { isValidTimeZone } from '../time.js';
import { parseWith } from '../validation.js';
import { isIssueEvent, scenarioSchema, taskRateMs, type IssueEvent, type TrainingEvent } from './scenario.js';

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

export interface ReminderLine {
  at: string;
  run: number;
  kind: 'dueReminder' | 'complianceReminder';
  course: string;
  learner: string;
  cycle: number;
  reminder: number;
  to: string[];
  cc: string[];
  skipped: { target: string; reason: string }[];
}

export interface SimulationResult {
  runs: number;
  escalations: EscalationLine[];
  reminders: ReminderLine[];
  /** Both kinds in the order they happened: by run, help desk before training within a run. */
  lines: (EscalationLine | ReminderLine)[];
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
    if (isIssueEvent(e) && !issueIds.has(e.issue)) problems.push({ field: `events[${i}].issue`, reason: `no issue ${JSON.stringify(e.issue)} in "issues"` });
  });
  if (problems.length > 0) throw new InputError(problems, source);

  // Issues submitted and enrollments assigned after `start` appear when the clock reaches them.
  const submittedAt = (i: NewIssueDocument) => (i.submittedAt ? Date.parse(i.submittedAt) : start);
  const assignedAt = (e: { assignedAt?: string }) => (e.assignedAt ? Date.parse(e.assignedAt) : start);
  const laterIssues = scenario.issues.filter((i) => submittedAt(i) > start);
  const laterEnrollments = scenario.enrollments.filter((e) => assignedAt(e) > start);
  const earliest = Math.min(start, ...scenario.events.map((e) => Date.parse(e.at)));

  const clock = new ManualClock(earliest);
  const store = await openStore(':memory:');
  try {
    const ctx: DomainContext = { store, clock, timeZone: scenario.timeZone };
    await loadParsedSetup(
      ctx,
      { ...scenario, issues: scenario.issues.filter((i) => !laterIssues.includes(i)), enrollments: scenario.enrollments.filter((e) => !laterEnrollments.includes(e)) },
      source,
    );

    let order = 0;
    const steps: TimedStep[] = [
      ...laterIssues.map((issue) => ({
        at: submittedAt(issue),
        order: order++,
        where: `issues[${scenario.issues.indexOf(issue)}]`,
        apply: () => inTransaction(store, (trx) => createIssueIn(ctx, trx, issue)),
      })),
      ...laterEnrollments.map((enrollment) => ({
        at: assignedAt(enrollment),
        order: order++,
        where: `enrollments[${scenario.enrollments.indexOf(enrollment)}]`,
        apply: () => enroll(ctx, enrollment, 'system'),
      })),
      ...scenario.events.map((event, n) => ({
        at: Date.parse(event.at),
        order: order++,
        where: `events[${n}]`,
        apply: () => (isIssueEvent(event) ? applyIssueEvent(ctx, event) : applyTrainingEvent(ctx, event)),
      })),
    ].sort((a, b) => a.at - b.at || a.order - b.order);

    const engine = { store, clock, log: silentLogger, processors: [helpDeskProcessor(scenario.timeZone), trainingProcessor(scenario.timeZone)] };
    const result: SimulationResult = { runs: 0, escalations: [], reminders: [], lines: [] };
    // An enrollment's learner and course never change: each is read once, when first reminded.
    const enrollments = new Map<number, EnrollmentRecord>();
    const enrollmentOf = async (id: number): Promise<EnrollmentRecord> => {
      let enrollment = enrollments.get(id);
      if (!enrollment) {
        enrollment = (await getEnrollment(store, store.db, id))!;
        enrollments.set(id, enrollment);
      }
      return enrollment;
    };
    let next = 0;
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
      const run = ++result.runs;
      const outcome = await executeRun(engine, { at, trigger: 'schedule' });
      if (!('runId' in outcome)) continue;
      for (const e of await listEscalations(store.db, { runId: outcome.runId })) {
        const line: EscalationLine = {
          at: new Date(e.at).toISOString(),
          run,
          issue: e.issueId,
          rule: e.ruleName,
          escalationCount: e.escalationCount,
          changes: e.changes,
          notes: e.notes,
          recipients: e.recipients,
          closed: e.changes.status?.[1] === 'closed',
        };
        result.escalations.push(line);
        result.lines.push(line);
      }
      for (const r of await listReminders(store.db, { runId: outcome.runId })) {
        const enrollment = await enrollmentOf(r.enrollmentId);
        const line: ReminderLine = {
          at: new Date(r.at).toISOString(),
          run,
          kind: r.kind,
          course: enrollment.course,
          learner: enrollment.learner,
          cycle: r.cycle,
          reminder: r.reminderNumber,
          to: r.to,
          cc: r.cc,
          skipped: r.skipped,
        };
        result.reminders.push(line);
        result.lines.push(line);
      }
    }
    return result;
  } finally {
    await store.close();
  }
}

async function applyIssueEvent(ctx: DomainContext, event: IssueEvent): Promise<void> {
  if (event.set) await updateIssue(ctx, event.issue, event.set);
  if (event.note) await addNote(ctx, event.issue, event.note);
  if (event.close) await updateIssue(ctx, event.issue, { status: 'closed' });
  if (event.reopen) await updateIssue(ctx, event.issue, { status: 'open' });
}

async function applyTrainingEvent(ctx: DomainContext, event: TrainingEvent): Promise<void> {
  if (event.complete) await complete(ctx, event.complete.learner, event.complete.course, 'system');
  if (event.assign) await enroll(ctx, { ...event.assign, assignedAt: new Date(ctx.clock.now()).toISOString() }, 'system');
}
