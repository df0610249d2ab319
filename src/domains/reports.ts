/**
 * Reports every signed-in user may see ("all users can view escalation-related data in issues and
 * reports"): counts only, so no note text, private or not, can reach anyone through them.
 */
import { sql } from 'kysely';
import type { DomainContext } from './context.js';
import { loadCourses, loadTrainingRules } from './training/catalog.js';
import { describeTarget } from './training/training-rule-document.js';

export type EscalationGrouping = 'rule' | 'day' | 'priority';
export type ReminderGrouping = 'course' | 'tier';

export interface ReportRow {
  key: string;
  count: number;
}

const byKey = (a: ReportRow, b: ReportRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export async function escalationsReport(ctx: DomainContext, by: EscalationGrouping, range: { from?: number; to?: number } = {}): Promise<ReportRow[]> {
  const base = ctx.store.db
    .selectFrom('escalations')
    .$if(range.from !== undefined, (q) => q.where('at', '>=', range.from!))
    .$if(range.to !== undefined, (q) => q.where('at', '<', range.to!));
  if (by !== 'day') {
    // Grouped in the database: one row per rule or priority, however many escalations there are.
    const column = by === 'rule' ? 'rule_name' : 'priority';
    const rows = await base.select([column, sql<number>`count(*)`.as('n')]).groupBy(column).execute();
    return rows.map((r) => ({ key: (r as Record<string, unknown>)[column] === null ? '(none)' : String((r as Record<string, unknown>)[column]), count: Number(r.n) })).sort(byKey);
  }
  // Days (UTC) have no portable SQL spelling; the instants are grouped here instead.
  const counts = new Map<string, number>();
  for (const r of await base.select('at').execute()) {
    const key = new Date(Number(r.at)).toISOString().slice(0, 10);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort(byKey);
}

export async function remindersReport(ctx: DomainContext, by: ReminderGrouping): Promise<ReportRow[]> {
  const db = ctx.store.db;
  const rows = await db
    .selectFrom('training_reminders')
    .innerJoin('enrollments', 'enrollments.id', 'training_reminders.enrollment_id')
    .select(['enrollments.course_id as course', 'training_reminders.reminder_number as number', sql<number>`count(*)`.as('count')])
    .groupBy(['enrollments.course_id', 'training_reminders.reminder_number'])
    .execute();
  const counts = new Map<string, number>();
  const add = (key: string, n: number) => counts.set(key, (counts.get(key) ?? 0) + n);
  if (by === 'course') {
    for (const r of rows) add(r.course, Number(r.count));
  } else {
    // A tier counts the reminders it CC'd on: those numbered from its fromReminder on, under the course's current rule.
    const courses = await loadCourses(db);
    const rules = await loadTrainingRules(db);
    for (const r of rows) {
      const course = courses.get(r.course);
      const rule = course?.escalations.enabled && course.escalations.rule ? rules.get(course.escalations.rule) : undefined;
      for (const tier of rule?.tiers ?? []) if (r.number >= tier.fromReminder) add(`${r.course} · ${rule!.name} · from #${tier.fromReminder} ${describeTarget(tier.target)}`, Number(r.count));
    }
  }
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort(byKey);
}

export function toCsv(rows: ReportRow[], keyName: string): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return [`${keyName},count`, ...rows.map((r) => `${quote(r.key)},${r.count}`)].join('\n') + '\n';
}
