import { z } from 'zod';
import type { UserRecord } from '../../../storage/users.js';

/** A user as the API shows it: never the password hash. */
export const userViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.string(),
  active: z.boolean(),
  trainingRole: z.string().nullable(),
  manager: z.string().nullable(),
  timeZone: z.string().nullable(),
  profile: z.record(z.string(), z.string()),
});

export function userView(u: UserRecord): z.output<typeof userViewSchema> {
  return { id: u.id, name: u.name, email: u.email, role: u.role, active: u.active, trainingRole: u.trainingRole, manager: u.manager, timeZone: u.timeZone, profile: u.profile };
}
