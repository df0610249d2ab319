import type { Selectable } from 'kysely';
import type { Executor, Store } from './store.js';
import type { IssuesTable } from './schema.js';
import { fromInstant } from './codec.js';
import { preparedRead } from './prepared-read.js';

export type IssueStatus = 'open' | 'closed';
export type ClockStatus = 'running' | 'paused';

/** An issue as the program sees it. Instants are epoch ms. */
export interface IssueRecord {
  id: string;
  subject: string;
  description: string;
  status: IssueStatus;
  priority: string | null;
  substatus: string | null;
  clockStatus: ClockStatus;
  issueType: string | null;
  subtype1: string | null;
  subtype2: string | null;
  subtype3: string | null;
  subtype4: string | null;
  organization: string | null;
  department: string | null;
  location: string | null;
  project: string | null;
  submitter: string | null;
  assignedTo: string | null;
  distributionList: string | null;
  submittedAt: number;
  lastActivityAt: number;
  targetDate: number | null;
  requiredByDate: number | null;
  escalationCount: number;
  nextCheckAt: number | null;
  version: number;
}

type IssueRow = Selectable<IssuesTable>;

export function issueFromRow(row: IssueRow): IssueRecord {
  return {
    id: row.id,
    subject: row.subject,
    description: row.description,
    status: row.status as IssueStatus,
    priority: row.priority,
    substatus: row.substatus,
    clockStatus: row.clock_status as ClockStatus,
    issueType: row.issue_type,
    subtype1: row.subtype1,
    subtype2: row.subtype2,
    subtype3: row.subtype3,
    subtype4: row.subtype4,
    organization: row.organization,
    department: row.department,
    location: row.location,
    project: row.project,
    submitter: row.submitter,
    assignedTo: row.assigned_to,
    distributionList: row.distribution_list,
    submittedAt: fromInstant(row.submitted_at)!,
    lastActivityAt: fromInstant(row.last_activity_at)!,
    targetDate: fromInstant(row.target_date),
    requiredByDate: fromInstant(row.required_by_date),
    escalationCount: row.escalation_count,
    nextCheckAt: fromInstant(row.next_check_at),
    version: row.version,
  };
}

export function issueToRow(issue: IssueRecord): IssueRow {
  return {
    id: issue.id,
    subject: issue.subject,
    description: issue.description,
    status: issue.status,
    priority: issue.priority,
    substatus: issue.substatus,
    clock_status: issue.clockStatus,
    issue_type: issue.issueType,
    subtype1: issue.subtype1,
    subtype2: issue.subtype2,
    subtype3: issue.subtype3,
    subtype4: issue.subtype4,
    organization: issue.organization,
    department: issue.department,
    location: issue.location,
    project: issue.project,
    submitter: issue.submitter,
    assigned_to: issue.assignedTo,
    distribution_list: issue.distributionList,
    submitted_at: issue.submittedAt,
    last_activity_at: issue.lastActivityAt,
    target_date: issue.targetDate,
    required_by_date: issue.requiredByDate,
    escalation_count: issue.escalationCount,
    next_check_at: issue.nextCheckAt,
    version: issue.version,
  };
}

export async function insertIssue(db: Executor, issue: IssueRecord): Promise<void> {
  await db.insertInto('issues').values(issueToRow(issue)).execute();
}

/** Bulk load for imports and benchmarks; chunked to stay under SQLite's bound-parameter limit. */
export async function insertIssues(db: Executor, issues: readonly IssueRecord[]): Promise<void> {
  const perChunk = 500;
  for (let i = 0; i < issues.length; i += perChunk) {
    await db.insertInto('issues').values(issues.slice(i, i + perChunk).map(issueToRow)).execute();
  }
}

/**
 * Reads one issue; with `forUpdate` inside a transaction the row stays locked (PostgreSQL) until
 * commit. SQLite needs no row lock: its `begin immediate` already holds the only write lock.
 */
export async function getIssue(
  store: Store,
  db: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<IssueRecord | undefined> {
  const row = await db
    .selectFrom('issues')
    .selectAll()
    .where('id', '=', id)
    .$if(Boolean(options.forUpdate) && store.supportsRowLocks, (q) => q.forUpdate())
    .executeTakeFirst();
  return row && issueFromRow(row);
}

/**
 * What tells whether a rendered issue is still current (domains/helpdesk/issue-document-cache.ts):
 * the version, which every change to the issue, its notes or its escalation history bumps in the
 * same transaction, and the next check, which schedule rebuilds and deferrals move without a bump.
 * The submitter comes along for the access check. A primary-key lookup.
 */
export interface IssueStamp {
  submitter: string | null;
  version: number;
  nextCheckAt: number | null;
}

const issueStampRead = preparedRead('issue-stamp', 1, (db, id: string) => db.selectFrom('issues').select(['submitter', 'version', 'next_check_at']).where('id', '=', id));

const issueRead = preparedRead('issue', 1, (db, id: string) => db.selectFrom('issues').selectAll().where('id', '=', id));

/** One issue as committed, outside any transaction (prepared-read.ts): the API's issue reads. */
export async function readIssue(store: Store, id: string): Promise<IssueRecord | undefined> {
  const [row] = await store.read(issueRead, id);
  return row && issueFromRow(row);
}

export async function getIssueStamp(store: Store, id: string): Promise<IssueStamp | undefined> {
  const [row] = await store.read(issueStampRead, id);
  return row && { submitter: row.submitter, version: row.version, nextCheckAt: fromInstant(row.next_check_at) };
}

/**
 * Writes every field of `issue` if the stored version is still `issue.version`, and bumps it.
 * Returns false when someone else changed the issue first.
 */
export async function saveIssue(db: Executor, issue: IssueRecord): Promise<boolean> {
  const { id, version, ...rest } = issueToRow(issue);
  const result = await db
    .updateTable('issues')
    .set({ ...rest, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export const ISSUE_SORTS = ['id', '-id', 'submittedAt', '-submittedAt', 'lastActivityAt', '-lastActivityAt'] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number];

export interface IssueFilter {
  status?: IssueStatus;
  assignedTo?: string;
  submitter?: string;
  priority?: string;
  limit?: number;
  /** Keyset cursor: the sort value and id of the last issue of the previous page. */
  after?: { value: string | number; id: string };
  /** Kept for callers that page by id only. */
  afterId?: string;
  sort?: IssueSort;
}

const SORT_COLUMNS = { id: 'id', submittedAt: 'submitted_at', lastActivityAt: 'last_activity_at' } as const;

export async function listIssues(db: Executor, filter: IssueFilter = {}): Promise<IssueRecord[]> {
  const sort = filter.sort ?? 'id';
  const descending = sort.startsWith('-');
  const column = SORT_COLUMNS[sort.replace('-', '') as keyof typeof SORT_COLUMNS];
  const after = filter.after ?? (filter.afterId !== undefined ? { value: filter.afterId, id: filter.afterId } : undefined);
  const cmp = descending ? '<' : '>';
  const rows = await db
    .selectFrom('issues')
    .selectAll()
    .$if(filter.status !== undefined, (q) => q.where('status', '=', filter.status!))
    .$if(filter.assignedTo !== undefined, (q) => q.where('assigned_to', '=', filter.assignedTo!))
    .$if(filter.submitter !== undefined, (q) => q.where('submitter', '=', filter.submitter!))
    .$if(filter.priority !== undefined, (q) => q.where('priority', '=', filter.priority!))
    .$if(after !== undefined, (q) =>
      column === 'id'
        ? q.where('id', cmp, after!.id)
        : q.where((eb) => eb.or([eb(column, cmp, after!.value as number), eb.and([eb(column, '=', after!.value as number), eb('id', cmp, after!.id)])])),
    )
    .orderBy(column, descending ? 'desc' : 'asc')
    .$if(column !== 'id', (q) => q.orderBy('id', descending ? 'desc' : 'asc'))
    .limit(filter.limit ?? 1000)
    .execute();
  return rows.map(issueFromRow);
}

/** Open issues in id order, a page at a time: the schedule rebuild walks them after a rule change. */
export async function openIssuesPage(db: Executor, afterId: string | null, limit: number): Promise<IssueRecord[]> {
  const rows = await db
    .selectFrom('issues')
    .selectAll()
    .where('status', '=', 'open')
    .$if(afterId !== null, (q) => q.where('id', '>', afterId!))
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(issueFromRow);
}

/**
 * Stores recomputed next checks. Each write holds only if the issue is still at the version the
 * computation read, so a rebuild racing an edit or a run never overwrites their fresher result.
 */
export async function setNextChecks(db: Executor, updates: readonly { id: string; version: number; nextCheckAt: number | null }[]): Promise<void> {
  for (const u of updates) {
    await db.updateTable('issues').set({ next_check_at: u.nextCheckAt }).where('id', '=', u.id).where('version', '=', u.version).execute();
  }
}

/** Makes every open issue due at `at`, in one statement: the safe state after rules change. */
export async function markAllOpenDue(db: Executor, at: number): Promise<void> {
  await db.updateTable('issues').set({ next_check_at: at }).where('status', '=', 'open').execute();
}

/** Moves a failing issue's next check past the current run. */
export async function deferIssue(db: Executor, id: string, until: number): Promise<void> {
  await db.updateTable('issues').set({ next_check_at: until }).where('id', '=', id).execute();
}
