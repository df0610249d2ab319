import { z } from 'zod';
import { route } from '../route.js';
import { escalationsReport, remindersReport, toCsv } from '../../../domains/reports.js';
import { simulate } from '../../../simulator/simulate.js';
import { formatJsonLines } from '../../../simulator/format.js';
import { parseInstant } from '../../../time.js';

const rowSchema = z.array(z.object({ key: z.string(), count: z.number() }));

export const reportRoutes = [
  route<Record<string, never>, { by: 'rule' | 'day' | 'priority'; format: 'json' | 'csv'; from?: string; to?: string }>({
    method: 'GET',
    path: '/reports/escalations',
    summary: 'Escalations per rule, per day or per priority (everyone: counts only); ?format=csv',
    tag: 'Reports',
    query: z.object({ by: z.enum(['rule', 'day', 'priority']).default('rule'), format: z.enum(['json', 'csv']).default('json'), from: z.string().optional(), to: z.string().optional() }),
    response: rowSchema,
    csv: true,
    async handler({ app, query, reply }) {
      const tz = app.helpDesk.timeZone;
      const rows = await escalationsReport(app.helpDesk, query.by, {
        from: query.from === undefined ? undefined : parseInstant(query.from, 'from', tz),
        to: query.to === undefined ? undefined : parseInstant(query.to, 'to', tz),
      });
      if (query.format === 'csv') {
        reply.type('text/csv; charset=utf-8');
        return toCsv(rows, query.by);
      }
      return rows;
    },
  }),
  route<Record<string, never>, { by: 'course' | 'tier'; format: 'json' | 'csv' }>({
    method: 'GET',
    path: '/reports/reminders',
    summary: 'Training reminders per course or per escalation tier (everyone: counts only); ?format=csv',
    tag: 'Reports',
    query: z.object({ by: z.enum(['course', 'tier']).default('course'), format: z.enum(['json', 'csv']).default('json') }),
    response: rowSchema,
    csv: true,
    async handler({ app, query, reply }) {
      const rows = await remindersReport(app.helpDesk, query.by);
      if (query.format === 'csv') {
        reply.type('text/csv; charset=utf-8');
        return toCsv(rows, query.by);
      }
      return rows;
    },
  }),
  route<Record<string, never>, Record<string, never>, unknown>({
    method: 'POST',
    path: '/simulate',
    summary: 'Run a scenario through the real engine under a virtual clock; the body is the scenario, the answer the timeline exactly as `escalator simulate --format json` prints it (one JSON object per line)',
    tag: 'Simulator',
    body: z.record(z.string(), z.unknown()) as never,
    async handler({ body, reply }) {
      const result = await simulate(body, 'scenario');
      reply.type('application/x-ndjson; charset=utf-8');
      return formatJsonLines(result);
    },
  }),
];
