/**
 * Who may do what on the training side. Decided here, in the domain, for every caller: the CLI
 * passes the user named by `--as`, the API the signed-in user; the simulator and bootstrap loads
 * act as the system.
 */
import type { UserRecord } from '../../storage/users.js';
import { ForbiddenError } from '../../errors.js';
import type { Actor } from '../actor.js';

export type { Actor };

export type TrainingAction = 'manage training rules' | 'set course escalations' | 'edit courses' | 'assign courses' | 'complete enrollments';

const ALLOWED: Record<TrainingAction, readonly string[]> = {
  'manage training rules': ['account owner'],
  'set course escalations': ['account owner', 'administrator'],
  'edit courses': ['account owner', 'administrator'],
  'assign courses': ['account owner', 'administrator', 'team leader'],
  'complete enrollments': ['account owner', 'administrator', 'team leader'],
};

const article = (role: string) => (/^[aeiou]/.test(role) ? 'an' : 'a');

/**
 * Throws unless `actor` may perform `action`. `learner` narrows per-person actions: a team leader
 * acts only for people they manage, and a learner may complete their own enrollment.
 */
export function assertAllowed(actor: Actor, action: TrainingAction, learner?: UserRecord): void {
  if (actor === 'system') return;
  const role = actor.trainingRole;
  if (!actor.active) throw new ForbiddenError(`not allowed: user ${JSON.stringify(actor.id)} is inactive`);
  if (action === 'complete enrollments' && learner && learner.id === actor.id) return;
  if (role === null || !ALLOWED[action].includes(role)) {
    const who = role === null ? `user ${JSON.stringify(actor.id)} has no training role and` : `${article(role)} ${role}`;
    throw new ForbiddenError(`not allowed: ${who} cannot ${action} (${ALLOWED[action].map((r) => `${r}s`).join(' and ')} can)`);
  }
  if (role === 'team leader' && learner && learner.manager !== actor.id) {
    throw new ForbiddenError(`not allowed: a team leader can ${action} only for their own team; ${JSON.stringify(learner.id)} is not in it`);
  }
}
