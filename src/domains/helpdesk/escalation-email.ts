/** The plain-text email an escalation sends: it names the issue, the rule and what changed. */
import type { IssueRecord } from '../../storage/issues.js';
import type { FieldChanges } from '../../storage/escalations.js';
import type { OutgoingEmail } from '../../storage/outbox.js';
import { iso } from '../../time.js';
import type { Recipient } from './recipients.js';

export interface EscalationSummary {
  issue: IssueRecord;
  ruleName: string;
  at: number;
  changes: FieldChanges;
  notes: { visibility: 'public' | 'private'; text: string }[];
}

const show = (value: unknown): string => (value === null || value === undefined ? '(none)' : String(value));

export function escalationEmail(summary: EscalationSummary, recipient: Recipient, escalationId: number): OutgoingEmail {
  const { issue, ruleName, at, changes } = summary;
  const notes = summary.notes.filter((n) => recipient.internal || n.visibility === 'public');
  const lines = [
    `Issue #${issue.id} "${issue.subject}" was escalated by rule "${ruleName}" at ${iso(at)}.`,
    `This is escalation ${issue.escalationCount} of this issue.`,
    '',
  ];
  const changed = Object.entries(changes);
  if (changed.length > 0) {
    lines.push('What changed:');
    for (const [field, [before, after]] of changed) lines.push(`  ${field}: ${show(before)} -> ${show(after)}`);
  } else {
    lines.push('No fields changed.');
  }
  if (notes.length > 0) {
    lines.push('', 'Notes added:');
    for (const note of notes) lines.push(`  [${note.visibility}] ${note.text}`);
  }
  lines.push(
    '',
    'The issue now:',
    `  status: ${issue.status}`,
    `  priority: ${show(issue.priority)}`,
    `  substatus: ${show(issue.substatus)}`,
    `  assigned to: ${show(issue.assignedTo)}`,
    `  submitted: ${iso(issue.submittedAt)}`,
    `  last activity: ${iso(issue.lastActivityAt)}`,
  );
  return {
    kind: 'escalation',
    to: [recipient.address],
    cc: [],
    subject: `[Escalation] #${issue.id} ${issue.subject} (${ruleName})`,
    body: `${lines.join('\n')}\n`,
    escalationId,
  };
}
