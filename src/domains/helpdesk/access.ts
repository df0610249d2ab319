/**
 * Who may do what on the help-desk side, decided here for every caller (the CLI acts as the
 * system; the API as the signed-in user):
 *
 * - admin: everything;
 * - agent: every issue (read, change, public and private notes); rules, runs and lists read-only;
 * - end user: only issues they submitted — create them, read them, add public notes — and never a
 *   private note, in an issue, its history, a report or a webhook.
 */
import type { IssueRecord } from '../../storage/issues.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import type { Actor } from '../actor.js';

export type HelpDeskAction = 'read rules' | 'manage rules' | 'read runs' | 'trigger runs' | 'read mail' | 'manage mail' | 'read directory' | 'manage directory' | 'manage webhooks';

const ALLOWED: Record<HelpDeskAction, readonly string[]> = {
  'read rules': ['admin', 'agent'],
  'manage rules': ['admin'],
  'read runs': ['admin', 'agent'],
  'trigger runs': ['admin'],
  'read mail': ['admin'],
  'manage mail': ['admin'],
  'read directory': ['admin', 'agent'],
  'manage directory': ['admin'],
  'manage webhooks': ['admin'],
};

const article = (role: string) => (/^[aeiou]/.test(role) ? 'an' : 'a');

export function assertHelpDesk(actor: Actor, action: HelpDeskAction): void {
  if (actor === 'system' || ALLOWED[action].includes(actor.role)) return;
  throw new ForbiddenError(`not allowed: ${article(actor.role)} ${actor.role} cannot ${action} (${ALLOWED[action].map((r) => `${r}s`).join(' and ')} can)`);
}

export const isStaff = (actor: Actor): boolean => actor === 'system' || actor.role === 'admin' || actor.role === 'agent';

/** Private notes are for agents and admins only. */
export const seesPrivateNotes = isStaff;

/** An issue an actor may not see does not exist for them: 404, not 403, so ids do not leak. */
export function assertCanSeeIssue<I extends Pick<IssueRecord, 'submitter'>>(actor: Actor, issue: I | undefined, id: string): asserts issue is I {
  if (!issue || (!isStaff(actor) && issue.submitter !== (actor as { id: string }).id)) throw new NotFoundError('issue', id);
}

export function assertCanChangeIssue(actor: Actor): void {
  if (!isStaff(actor)) throw new ForbiddenError('not allowed: an end user cannot change issue fields (agents and admins can); add a note instead');
}

/** Fields an end user may set on an issue they submit. */
export const END_USER_FIELDS = ['subject', 'description', 'priority', 'issueType', 'subtype1', 'subtype2', 'subtype3', 'subtype4', 'organization', 'department', 'location', 'project'] as const;
