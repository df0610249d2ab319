import { z } from 'zod';
import { route } from '../route.js';
import { decodeCursor, encodeCursor, pageQuery } from '../pagination.js';
import { addNote, createIssue, listIssues, showIssue, updateIssue } from '../../../domains/helpdesk/issues.js';
import { explainIssue } from '../../../domains/helpdesk/explain.js';
import { issuePatchSchema, newIssueSchema, toIssueDocument } from '../../../domains/helpdesk/issue-document.js';
import { ISSUE_SORTS } from '../../../storage/issues.js';
import { parseInstant } from '../../../time.js';

const idParams = z.object({ id: z.string().min(1) });
const issueView = (issue: Parameters<typeof toIssueDocument>[0]) => ({ ...toIssueDocument(issue), version: issue.version });

const listQuery = z.object({
  ...pageQuery,
  status: z.enum(['open', 'closed']).optional(),
  assignedTo: z.string().optional(),
  submitter: z.string().optional(),
  priority: z.string().optional(),
  sort: z.enum(ISSUE_SORTS).default('id'),
});

const isCursor = (v: unknown): v is { v: string | number; id: string } =>
  typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && ['string', 'number'].includes(typeof (v as { v?: unknown }).v);

const noteBody = z.object({ text: z.string(), visibility: z.enum(['public', 'private']).default('public') }).strict();

export const issueRoutes = [
  route<Record<string, never>, z.output<typeof listQuery>>({
    method: 'GET',
    path: '/issues',
    summary: 'List issues (end users see the ones they submitted); cursor-paginated, filterable, sortable',
    tag: 'Issues',
    query: listQuery,
    async handler({ app, user, query }) {
      const after = decodeCursor(query.cursor, isCursor);
      const issues = await listIssues(
        app.helpDesk,
        { ...query, limit: query.limit + 1, after: after && { value: after.v, id: after.id } },
        user,
      );
      const page = issues.slice(0, query.limit);
      const last = page[page.length - 1];
      const lastValue = last && (query.sort.replace('-', '') === 'id' ? last.id : Date.parse(query.sort.includes('submitted') ? last.submittedAt : last.lastActivityAt));
      return { items: page, nextCursor: issues.length > query.limit && last ? encodeCursor({ v: lastValue, id: last.id }) : null };
    },
  }),
  route<Record<string, never>, Record<string, never>, z.input<typeof newIssueSchema>>({
    method: 'POST',
    path: '/issues',
    summary: 'Create an issue (end users: as its submitter, with the basic fields)',
    tag: 'Issues',
    status: 201,
    body: newIssueSchema as never,
    handler: async ({ app, user, body }) => issueView(await createIssue(app.helpDesk, body, undefined, user)),
  }),
  route<{ id: string }>({
    method: 'GET',
    path: '/issues/:id',
    summary: 'An issue with its notes and escalation history (end users: public notes only)',
    tag: 'Issues',
    params: idParams,
    handler: ({ app, user, params }) => showIssue(app.helpDesk, params.id, user),
  }),
  route<{ id: string }, Record<string, never>, z.input<typeof issuePatchSchema> & { version?: number }>({
    method: 'PATCH',
    path: '/issues/:id',
    summary: 'Change fields (agents and admins). Send "version" (or If-Match) to refuse a stale update with 409',
    tag: 'Issues',
    params: idParams,
    body: issuePatchSchema.extend({ version: z.number().int().optional() }) as never,
    async handler({ app, user, params, body, request }) {
      const { version, ...patch } = body;
      const ifMatch = request.headers['if-match'];
      const expectedVersion = version ?? (typeof ifMatch === 'string' && /^"?\d+"?$/.test(ifMatch) ? Number(ifMatch.replace(/"/g, '')) : undefined);
      return issueView(await updateIssue(app.helpDesk, params.id, patch, undefined, { actor: user, expectedVersion }));
    },
  }),
  route<{ id: string }>({
    method: 'POST',
    path: '/issues/:id/close',
    summary: 'Close an issue',
    tag: 'Issues',
    params: idParams,
    handler: async ({ app, user, params }) => issueView(await updateIssue(app.helpDesk, params.id, { status: 'closed' }, undefined, { actor: user })),
  }),
  route<{ id: string }>({
    method: 'POST',
    path: '/issues/:id/reopen',
    summary: 'Reopen an issue',
    tag: 'Issues',
    params: idParams,
    handler: async ({ app, user, params }) => issueView(await updateIssue(app.helpDesk, params.id, { status: 'open' }, undefined, { actor: user })),
  }),
  route<{ id: string }>({
    method: 'GET',
    path: '/issues/:id/notes',
    summary: 'Notes of an issue (end users: public ones)',
    tag: 'Issues',
    params: idParams,
    handler: async ({ app, user, params }) => (await showIssue(app.helpDesk, params.id, user)).notes,
  }),
  route<{ id: string }, Record<string, never>, z.output<typeof noteBody>>({
    method: 'POST',
    path: '/issues/:id/notes',
    summary: 'Add a note (activity). End users add public notes to their own issues',
    tag: 'Issues',
    status: 201,
    params: idParams,
    body: noteBody,
    async handler({ app, user, params, body }) {
      const note = await addNote(app.helpDesk, params.id, body, undefined, user);
      return { id: note.id, at: new Date(note.createdAt).toISOString(), visibility: note.visibility, author: note.author, text: note.text };
    },
  }),
  route<{ id: string }>({
    method: 'GET',
    path: '/issues/:id/escalations',
    summary: 'Escalation history (end users: without private notes)',
    tag: 'Issues',
    params: idParams,
    handler: async ({ app, user, params }) => (await showIssue(app.helpDesk, params.id, user)).escalations,
  }),
  route<{ id: string }, { at?: string }>({
    method: 'GET',
    path: '/issues/:id/explain',
    summary: 'For each rule in process order: does it apply at ?at= (default now), and if not, why',
    tag: 'Issues',
    params: idParams,
    query: z.object({ at: z.string().optional() }),
    async handler({ app, user, params, query }) {
      const at = query.at === undefined ? app.clock.now() : parseInstant(query.at, 'at', app.helpDesk.timeZone);
      return explainIssue(app.helpDesk, params.id, at, user);
    },
  }),
];

