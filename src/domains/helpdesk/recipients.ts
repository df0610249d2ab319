/**
 * Who an escalation emails: the rule's notify actions plus the issue's distribution-list members
 * flagged notify-on-escalate. A target that cannot be emailed is recorded with the reason, never
 * dropped silently. Addresses are de-duplicated case-insensitively.
 */
import type { Executor } from '../../storage/store.js';
import type { IssueRecord } from '../../storage/issues.js';
import { getUsers, type UserRecord } from '../../storage/users.js';
import { getLists } from '../../storage/distribution-lists.js';
import type { SkippedRecipient } from '../../storage/escalations.js';
import type { NotifyAction } from './rule-document.js';

export interface Recipient {
  address: string;
  /** Agents and admins see private notes; end users and bare addresses see public ones only. */
  internal: boolean;
}

export interface ResolvedRecipients {
  recipients: Recipient[];
  skipped: SkippedRecipient[];
}

export async function resolveRecipients(db: Executor, issue: IssueRecord, notify: readonly NotifyAction[]): Promise<ResolvedRecipients> {
  const listIds = [...notify.flatMap((n) => n.lists), ...(issue.distributionList ? [issue.distributionList] : [])];
  const lists = await getLists(db, listIds);
  const userIds = [
    ...notify.flatMap((n) => n.users),
    ...(issue.assignedTo ? [issue.assignedTo] : []),
    ...(issue.submitter ? [issue.submitter] : []),
    ...[...lists.values()].flatMap((l) => l.members.flatMap((m) => (m.user ? [m.user] : []))),
  ];
  const users = await getUsers(db, userIds);

  const byAddress = new Map<string, Recipient>();
  const skipped: SkippedRecipient[] = [];
  const addAddress = (address: string, internal: boolean) => {
    const key = address.toLowerCase();
    const seen = byAddress.get(key);
    if (seen) seen.internal &&= internal;
    else byAddress.set(key, { address, internal });
  };
  const addUser = (id: string, target: string) => {
    const user: UserRecord | undefined = users.get(id);
    if (!user) return skipped.push({ target, reason: `user ${JSON.stringify(id)} does not exist` });
    if (!user.active) return skipped.push({ target, reason: `user ${JSON.stringify(id)} is inactive` });
    if (!user.email) return skipped.push({ target, reason: `user ${JSON.stringify(id)} has no email address` });
    addAddress(user.email, user.role !== 'end user');
  };
  const addList = (id: string, target: string, onlyFlagged: boolean) => {
    const list = lists.get(id);
    if (!list) return skipped.push({ target, reason: `distribution list ${JSON.stringify(id)} does not exist` });
    for (const member of list.members) {
      if (onlyFlagged && !member.notifyOnEscalate) continue;
      if (member.user) addUser(member.user, `${target} member user:${member.user}`);
      else if (member.email) addAddress(member.email, false);
    }
  };

  for (const action of notify) {
    for (const id of action.users) addUser(id, `user:${id}`);
    for (const id of action.lists) addList(id, `list:${id}`, false);
    for (const email of action.emails) addAddress(email, false);
    for (const who of action.recipients) {
      const id = who === 'assignee' ? issue.assignedTo : issue.submitter;
      if (id) addUser(id, who);
      else skipped.push({ target: who, reason: `the issue has no ${who}` });
    }
  }
  if (issue.distributionList) addList(issue.distributionList, `distributionList:${issue.distributionList}`, true);

  const recipients = [...byAddress.values()].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return { recipients, skipped };
}
