import type { EscalationLine, ReminderLine, SimulationResult } from './simulate.js';

/** `--format json`: one object per line, escalations and training emails in the order they happened. */
export function formatJsonLines(result: SimulationResult): string {
  return result.lines.map((line) => JSON.stringify(line)).join('\n') + (result.lines.length > 0 ? '\n' : '');
}

const show = (v: unknown) => (v === null || v === undefined ? '-' : String(v));
const when = (at: string) => at.replace('T', ' ').replace(':00.000Z', 'Z');

function describeChanges(e: EscalationLine): string {
  const parts = Object.entries(e.changes).map(([field, [before, after]]) => `${field}: ${show(before)} -> ${show(after)}`);
  if (e.notes.length > 0) parts.push(`${e.notes.length} note${e.notes.length > 1 ? 's' : ''}`);
  return parts.join(', ') || '-';
}

function columns(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}

function escalationTable(escalations: EscalationLine[]): string[] {
  return columns(
    ['AT', 'RUN', 'ISSUE', 'RULE', 'COUNT', 'CHANGES', 'RECIPIENTS'],
    escalations.map((e) => [when(e.at), String(e.run), e.issue, e.rule, String(e.escalationCount), describeChanges(e), e.recipients.join(', ') || '-']),
  );
}

function reminderTable(reminders: ReminderLine[]): string[] {
  return columns(
    ['AT', 'RUN', 'KIND', 'COURSE', 'LEARNER', 'CYCLE', '#', 'TO', 'CC', 'SKIPPED'],
    reminders.map((r) => [
      when(r.at),
      String(r.run),
      r.kind === 'dueReminder' ? 'due' : 'compliance',
      r.course,
      r.learner,
      String(r.cycle),
      String(r.reminder),
      r.to.join(', ') || '-',
      r.cc.join(', ') || '-',
      r.skipped.map((s) => `${s.target} (${s.reason})`).join('; ') || '-',
    ]),
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `--format table`: aligned columns for people; the training table appears when there are reminders. */
export function formatTable(result: SimulationResult): string {
  const out: string[] = [];
  if (result.escalations.length > 0 || result.reminders.length === 0) out.push(...escalationTable(result.escalations));
  if (result.reminders.length > 0) {
    if (out.length > 0) out.push('');
    out.push(...reminderTable(result.reminders));
  }
  const counts = [plural(result.escalations.length, 'escalation'), ...(result.reminders.length > 0 ? [plural(result.reminders.length, 'training email')] : [])];
  out.push(`${counts.join(', ')} in ${result.runs} runs`);
  return out.join('\n') + '\n';
}
