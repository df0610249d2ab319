/**
 * To and CC of a reminder. To is the learner; each tier of the course's rule whose fromReminder
 * ≤ the reminder's number adds its target to CC. A target that cannot be resolved is skipped with
 * its reason — the email still goes out, and the reason is kept in the reminder's record.
 */
import { z } from 'zod';
import type { Executor } from '../../storage/store.js';
import { getUsers, usersWithTrainingRole, type UserRecord } from '../../storage/users.js';
import type { SkippedRecipient } from '../../storage/escalations.js';
import { describeTarget, type TrainingRule } from './training-rule-document.js';

const emailSchema = z.email();
const isEmail = (value: string) => emailSchema.safeParse(value).success;

export interface ReminderRecipients {
  to: string[];
  cc: string[];
  skipped: SkippedRecipient[];
}

/**
 * Looks the manager up per reminder, and the administrators only if a tier asks for them
 * (through `administrators`, which a run caches).
 */
export async function resolveReminderRecipients(
  db: Executor,
  learner: UserRecord,
  rule: TrainingRule | null,
  reminderNumber: number,
  administrators: (db: Executor) => Promise<UserRecord[]> = (d) => usersWithTrainingRole(d, 'administrator'),
): Promise<ReminderRecipients> {
  const tiers = (rule?.tiers ?? []).filter((t) => t.fromReminder <= reminderNumber);
  const needsManager = tiers.some((t) => t.target.type === 'manager') && learner.manager !== null;
  const needsAdmins = tiers.some((t) => t.target.type === 'administrators');
  const [people, admins] = await Promise.all([
    needsManager ? getUsers(db, [learner.manager!]) : Promise.resolve(new Map<string, UserRecord>()),
    needsAdmins ? administrators(db) : Promise.resolve([]),
  ]);
  return recipientsFor(learner, tiers, people, admins);
}

export function recipientsFor(
  learner: UserRecord,
  tiers: TrainingRule['tiers'],
  people: Map<string, UserRecord>,
  administrators: readonly UserRecord[],
): ReminderRecipients {
  const skipped: SkippedRecipient[] = [];
  const to = learner.email ? [learner.email] : [];
  if (!learner.email) skipped.push({ target: 'learner', reason: `learner ${JSON.stringify(learner.id)} has no email address` });
  const cc = new Map<string, string>();
  const add = (address: string) => {
    const key = address.toLowerCase();
    if (key !== learner.email?.toLowerCase() && !cc.has(key)) cc.set(key, address);
  };
  for (const { target } of tiers) {
    const label = describeTarget(target);
    switch (target.type) {
      case 'email':
        add(target.address);
        break;
      case 'profileField': {
        const value = learner.profile[target.field]?.trim() ?? '';
        if (value === '') skipped.push({ target: label, reason: `the learner's profile field ${JSON.stringify(target.field)} is empty` });
        else if (!isEmail(value)) skipped.push({ target: label, reason: `the learner's profile field ${JSON.stringify(target.field)} is not a valid email address (${JSON.stringify(value)})` });
        else add(value);
        break;
      }
      case 'administrators': {
        const reachable = administrators.filter((a) => a.email);
        if (administrators.length === 0) skipped.push({ target: label, reason: 'there are no active administrators' });
        for (const a of administrators) if (!a.email) skipped.push({ target: label, reason: `administrator ${JSON.stringify(a.id)} has no email address` });
        for (const a of reachable) add(a.email!);
        break;
      }
      case 'manager': {
        if (learner.manager === null) {
          skipped.push({ target: label, reason: `learner ${JSON.stringify(learner.id)} has no manager` });
          break;
        }
        const manager = people.get(learner.manager);
        if (!manager) skipped.push({ target: label, reason: `manager ${JSON.stringify(learner.manager)} does not exist` });
        else if (!manager.active) skipped.push({ target: label, reason: `manager ${JSON.stringify(manager.id)} is inactive` });
        else if (!manager.email) skipped.push({ target: label, reason: `manager ${JSON.stringify(manager.id)} has no email address` });
        else add(manager.email);
        break;
      }
    }
  }
  const sorted = (xs: string[]) => xs.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { to: sorted(to), cc: sorted([...cc.values()]), skipped };
}
