/**
 * One issue, one run: find the first applicable rule, apply it, record it, queue its mail and store
 * the next check. The caller runs this inside a transaction (or a savepoint of one), so a crash
 * leaves all of it or none of it.
 */
import type { RunContext } from '../../engine/processor.js';
import { getIssue, saveIssue } from '../../storage/issues.js';
import { insertEscalation, type EscalationRecord } from '../../storage/escalations.js';
import { insertNote } from '../../storage/notes.js';
import { enqueueEmail } from '../../storage/outbox.js';
import { queueDeliveries, type WebhookRecord } from '../../storage/webhooks.js';
import type { Executor } from '../../storage/store.js';
import { ConflictError } from '../../errors.js';
import { applyActions } from './actions.js';
import { resolveRecipients } from './recipients.js';
import { escalationEmail } from './escalation-email.js';
import { firstApplicableRule, nextCheckAt } from './schedule.js';
import type { Rule } from './rule-document.js';

/** Returns the escalation made, or null when no rule applied (the next check is still refreshed). */
export async function escalateIssue(
  run: RunContext,
  trx: Executor,
  rules: readonly Rule[],
  issueId: string,
  timeZone: string,
  subscribers: readonly WebhookRecord[] = [],
): Promise<EscalationRecord | null> {
  const { store, at } = run;
  const issue = await getIssue(store, trx, issueId, { forUpdate: true });
  // Re-checked under the lock: an edit since the due query may have closed or rescheduled it.
  if (!issue || issue.status !== 'open' || issue.nextCheckAt === null || issue.nextCheckAt > at) return null;

  const rule = firstApplicableRule(rules, issue, at, timeZone);
  let after = issue;
  let record: EscalationRecord | null = null;
  if (rule) {
    const outcome = applyActions({ ...issue, escalationCount: issue.escalationCount + 1 }, rule);
    const { recipients, skipped } = await resolveRecipients(trx, outcome.issue, outcome.notify);
    const entry: Omit<EscalationRecord, 'id'> = {
      runId: run.runId,
      issueId: issue.id,
      ruleId: rule.id,
      ruleName: rule.name,
      at,
      escalationCount: outcome.issue.escalationCount,
      changes: outcome.changes,
      notes: outcome.notes,
      recipients: recipients.map((r) => r.address),
      skipped,
      priority: outcome.issue.priority,
      dueAt: issue.nextCheckAt,
    };
    const id = await insertEscalation(trx, entry);
    for (const note of outcome.notes) {
      await insertNote(trx, { issueId: issue.id, createdAt: at, visibility: note.visibility, text: note.text, author: null, escalationId: id });
    }
    const summary = { issue: outcome.issue, ruleName: rule.name, at, changes: outcome.changes, notes: outcome.notes };
    for (const recipient of recipients) await enqueueEmail(trx, escalationEmail(summary, recipient, id), run.clock.now());
    // Subscribers are other systems, not agents: they get public notes only.
    await queueDeliveries(
      trx,
      subscribers,
      'escalation',
      { id, run: run.runId, issue: issue.id, subject: issue.subject, rule: rule.name, at: new Date(at).toISOString(), escalationCount: entry.escalationCount, changes: entry.changes, notes: entry.notes.filter((n) => n.visibility === 'public'), recipients: entry.recipients },
      run.clock.now(),
    );
    after = outcome.issue;
    record = { ...entry, id };
  }
  after = { ...after, nextCheckAt: nextCheckAt(rules, after, at + 1, timeZone) };
  if (!(await saveIssue(trx, after))) throw new ConflictError(`issue ${issue.id} changed during its escalation`);
  return record;
}
