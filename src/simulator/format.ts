import type { EscalationLine, SimulationResult } from './simulate.js';

/** `--format json`: one object per line, keys in the documented order. */
export function formatJsonLines(result: SimulationResult): string {
  return result.escalations.map((e) => JSON.stringify(e)).join('\n') + (result.escalations.length > 0 ? '\n' : '');
}

const show = (v: unknown) => (v === null || v === undefined ? '-' : String(v));

function describeChanges(e: EscalationLine): string {
  const parts = Object.entries(e.changes).map(([field, [before, after]]) => `${field}: ${show(before)} -> ${show(after)}`);
  if (e.notes.length > 0) parts.push(`${e.notes.length} note${e.notes.length > 1 ? 's' : ''}`);
  return parts.join(', ') || '-';
}

/** `--format table`: aligned columns for people. */
export function formatTable(result: SimulationResult): string {
  const header = ['AT', 'RUN', 'ISSUE', 'RULE', 'COUNT', 'CHANGES', 'RECIPIENTS'];
  const rows = result.escalations.map((e) => [
    e.at.replace('T', ' ').replace(':00.000Z', 'Z'),
    String(e.run),
    e.issue,
    e.rule,
    String(e.escalationCount),
    describeChanges(e),
    e.recipients.join(', ') || '-',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const footer = `${result.escalations.length} escalation${result.escalations.length === 1 ? '' : 's'} in ${result.runs} runs`;
  return [line(header), ...rows.map(line), footer].join('\n') + '\n';
}
