/**
 * Issue changes made by people and client systems. Each one is activity: it moves last activity
 * to now (an escalation's own changes never do — see escalate-issue.ts) and recomputes the next
 * check in the same transaction, so the schedule is never stale.
 */
import type { Executor } from '../../storage/store.js';
import { inTransaction } from '../../storage/store.js';
import { getIssue, getIssueStamp, readIssue, insertIssue, saveIssue, listIssues as listIssueRecords, type IssueFilter, type IssueRecord } from '../../storage/issues.js';
import { insertNote, readIssueNotes, type NoteRecord } from '../../storage/notes.js';
import { readIssueEscalations, type EscalationRecord } from '../../storage/escalations.js';
import type { IssueAudience } from './issue-document-cache.js';
import { nextCounterValue, raiseCounter } from '../../storage/counters.js';
import { ConflictError, ForbiddenError, InputError, type FieldProblem } from '../../errors.js';
import { parseWith } from '../../validation.js';
import { parseInstant } from '../../time.js';
import { z } from 'zod';
import { issuePatchSchema, LOOKUP_FIELDS, newIssueSchema, toIssueDocument, type IssuePatch, type LookupField, type NewIssueDocument } from './issue-document.js';
import { checkList, checkLookup, checkUser, loadReferences } from './references.js';
import { loadRules } from './rules.js';
import { nextCheckAt } from './schedule.js';
import type { HelpDeskContext } from './context.js';
import type { Actor } from '../actor.js';
import { assertCanChangeIssue, assertCanSeeIssue, END_USER_FIELDS, isStaff, seesPrivateNotes } from './access.js';

const DEFAULTS = {
  description: '',
  status: 'open',
  priority: null,
  substatus: null,
  clockStatus: 'running',
  issueType: null,
  subtype1: null,
  subtype2: null,
  subtype3: null,
  subtype4: null,
  organization: null,
  department: null,
  location: null,
  project: null,
  submitter: null,
  assignedTo: null,
  distributionList: null,
  targetDate: null,
  requiredByDate: null,
  escalationCount: 0,
} as const;

/**
 * A new open issue with every optional field empty: the base of createIssue, and of bulk loads
 * (benchmarks) that bypass validation.
 */
export function blankIssue(id: string, subject: string, submittedAt: number, fields: Partial<IssueRecord> = {}): IssueRecord {
  return { ...DEFAULTS, id, subject, submittedAt, lastActivityAt: submittedAt, nextCheckAt: null, version: 1, ...fields };
}

async function checkReferences(db: Executor, patch: IssuePatch): Promise<void> {
  const refs = await loadReferences(db);
  const problems: FieldProblem[] = [
    ...checkUser(refs, patch.submitter, 'submitter'),
    ...checkUser(refs, patch.assignedTo, 'assignedTo'),
    ...checkList(refs, patch.distributionList, 'distributionList'),
  ];
  for (const [field, kind] of Object.entries(LOOKUP_FIELDS)) problems.push(...checkLookup(refs, kind, patch[field as LookupField], field));
  if (problems.length > 0) throw new InputError(problems);
}

/** Applies a validated patch's values (instants parsed) onto an issue. */
function applyPatch(issue: IssueRecord, patch: IssuePatch, timeZone: string): IssueRecord {
  const next: IssueRecord = { ...issue };
  const problems: FieldProblem[] = [];
  const instant = (value: string, field: string): number => {
    try {
      return parseInstant(value, field, timeZone);
    } catch (error) {
      if (error instanceof InputError) problems.push(...error.problems);
      return Number.NaN;
    }
  };
  for (const [key, value] of Object.entries(patch) as [keyof IssuePatch, unknown][]) {
    if (value === undefined) continue;
    if (key === 'submittedAt' || key === 'lastActivityAt') next[key] = instant(value as string, key);
    else if (key === 'targetDate' || key === 'requiredByDate') next[key] = value === null ? null : instant(value as string, key);
    else (next as unknown as Record<string, unknown>)[key] = value;
  }
  if (problems.length > 0) throw new InputError(problems);
  return next;
}

async function schedule(db: Executor, issue: IssueRecord, now: number, timeZone: string): Promise<IssueRecord> {
  const rules = (await loadRules(db)).filter((r) => r.enabled);
  return { ...issue, nextCheckAt: nextCheckAt(rules, issue, now, timeZone) };
}

/** Creates an issue. Without `id`, the next number is used; without `submittedAt`, now. */
export async function createIssue(ctx: HelpDeskContext, input: unknown, source?: string, actor: Actor = 'system'): Promise<IssueRecord> {
  let doc = parseWith(newIssueSchema, input, source);
  if (!isStaff(actor)) {
    const user = actor as Exclude<Actor, 'system'>;
    const extra = Object.keys(doc).filter((k) => !(END_USER_FIELDS as readonly string[]).includes(k) && doc[k as keyof typeof doc] !== undefined);
    if (extra.length > 0) throw new ForbiddenError(`not allowed: an end user cannot set ${extra.join(', ')} (agents and admins can)`);
    doc = { ...doc, submitter: user.id };
  }
  return inTransaction(ctx.store, (trx) => createIssueIn(ctx, trx, doc, source));
}

/** createIssue inside the caller's transaction (bulk loads put a whole file in one). */
export async function createIssueIn(ctx: HelpDeskContext, trx: Executor, doc: NewIssueDocument, source?: string): Promise<IssueRecord> {
  const now = ctx.clock.now();
  await checkReferences(trx, doc);
  let id = doc.id;
  if (id === undefined) {
    do id = String(await nextCounterValue(trx, 'issue'));
    while (await getIssue(ctx.store, trx, id));
  } else {
    if (await getIssue(ctx.store, trx, id)) throw new InputError({ field: 'id', reason: `an issue with id ${JSON.stringify(id)} already exists` }, source);
    if (/^\d+$/.test(id)) await raiseCounter(trx, 'issue', Number(id));
  }
  const { id: _ignored, ...rest } = doc;
  const base = blankIssue(id, doc.subject, now);
  let issue = applyPatch(base, { ...rest, lastActivityAt: rest.lastActivityAt ?? rest.submittedAt }, ctx.timeZone);
  issue = await schedule(trx, issue, now, ctx.timeZone);
  await insertIssue(trx, issue);
  return issue;
}

async function changeIssue(
  ctx: HelpDeskContext,
  id: string,
  actor: Actor,
  expectedVersion: number | undefined,
  change: (trx: Executor, issue: IssueRecord) => Promise<IssueRecord>,
): Promise<IssueRecord> {
  const now = ctx.clock.now();
  return inTransaction(ctx.store, async (trx) => {
    const issue = await getIssue(ctx.store, trx, id, { forUpdate: true });
    assertCanSeeIssue(actor, issue, id);
    if (expectedVersion !== undefined && issue.version !== expectedVersion) {
      throw new ConflictError(`issue ${id} is at version ${issue.version}, not ${expectedVersion}: someone changed it; reload and try again`);
    }
    const changed = await change(trx, { ...issue, lastActivityAt: now });
    const scheduled = await schedule(trx, changed, now, ctx.timeZone);
    if (!(await saveIssue(trx, scheduled))) throw new ConflictError(`issue ${id} was changed by someone else; try again`);
    return { ...scheduled, version: scheduled.version + 1 };
  });
}

/** Changes fields of an issue; `status` closes or reopens it. */
export async function updateIssue(
  ctx: HelpDeskContext,
  id: string,
  input: unknown,
  source?: string,
  options: { actor?: Actor; expectedVersion?: number } = {},
): Promise<IssueRecord> {
  const actor = options.actor ?? 'system';
  const patch = parseWith(issuePatchSchema, input, source);
  return changeIssue(ctx, id, actor, options.expectedVersion, async (trx, issue) => {
    assertCanChangeIssue(actor);
    await checkReferences(trx, patch);
    return applyPatch(issue, patch, ctx.timeZone);
  });
}

const noteSchema = z
  .object({
    text: z.string().trim().min(1, 'note text must not be empty'),
    visibility: z.enum(['public', 'private'], { message: 'visibility must be "public" or "private"' }).default('public'),
    author: z.string().min(1).nullable().default(null),
  })
  .strict();

export async function addNote(ctx: HelpDeskContext, id: string, input: unknown, source?: string, actor: Actor = 'system'): Promise<NoteRecord> {
  let note = parseWith(noteSchema, input, source);
  if (actor !== 'system') {
    if (!seesPrivateNotes(actor) && note.visibility === 'private') throw new ForbiddenError('not allowed: an end user cannot add private notes');
    note = { ...note, author: actor.id };
  }
  let created: NoteRecord | undefined;
  await changeIssue(ctx, id, actor, undefined, async (trx, issue) => {
    const refs = await loadReferences(trx);
    const problems = checkUser(refs, note.author, 'author');
    if (problems.length > 0) throw new InputError(problems, source);
    const record = { issueId: id, createdAt: ctx.clock.now(), visibility: note.visibility, text: note.text, author: note.author, escalationId: null };
    created = { ...record, id: await insertNote(trx, record) };
    return issue;
  });
  return created!;
}

/** The issue document with its notes and escalation history; `privateToo` for staff. */
function issueView(issue: IssueRecord, notes: readonly NoteRecord[], escalations: readonly EscalationRecord[], privateToo: boolean) {
  return {
    ...toIssueDocument(issue),
    version: issue.version,
    notes: notes.filter((n) => privateToo || n.visibility === 'public').map((n) => ({
      id: n.id,
      at: new Date(n.createdAt).toISOString(),
      visibility: n.visibility,
      author: n.author,
      text: n.text,
      ...(n.escalationId !== null ? { escalation: n.escalationId } : {}),
    })),
    escalations: escalations.map((e) => ({
      id: e.id,
      run: e.runId,
      at: new Date(e.at).toISOString(),
      rule: e.ruleName,
      escalationCount: e.escalationCount,
      changes: e.changes,
      notes: e.notes.filter((n) => privateToo || n.visibility === 'public'),
      recipients: e.recipients,
      skipped: e.skipped,
    })),
  };
}

export type IssueView = ReturnType<typeof issueView>;

/**
 * The issue document as `issues show` prints it. End users get public notes only. With a
 * document cache (serve), an unchanged issue costs one stamp read, or none (issue-document-cache.ts).
 */
export async function showIssue(ctx: HelpDeskContext, id: string, actor: Actor = 'system'): Promise<IssueView> {
  const audience: IssueAudience = seesPrivateNotes(actor) ? 'staff' : 'public';
  const cache = ctx.issueDocuments;
  const dataVersion = cache ? ctx.store.dataVersion() : undefined;
  if (cache) {
    const stamp = cache.unchangedStamp(id, dataVersion) ?? (await getIssueStamp(ctx.store, id));
    assertCanSeeIssue(actor, stamp, id);
    const cached = cache.get(id, stamp, audience, dataVersion);
    if (cached) return cached;
  }
  const issue = await readIssue(ctx.store, id);
  assertCanSeeIssue(actor, issue, id);
  // Notes and history are read after the issue row, never alongside it: what they show is then at
  // least as new as the row's stamp, which is what the cache stores the document under.
  const [notes, escalations] = await Promise.all([readIssueNotes(ctx.store, id), readIssueEscalations(ctx.store, id)]);
  const document = issueView(issue, notes, escalations, audience === 'staff');
  return cache ? cache.set(id, issue, audience, document, dataVersion) : document;
}

export async function listIssues(ctx: HelpDeskContext, filter: IssueFilter = {}, actor: Actor = 'system') {
  const scoped = isStaff(actor) ? filter : { ...filter, submitter: (actor as { id: string }).id };
  return (await listIssueRecords(ctx.store.db, scoped)).map(toIssueDocument);
}
