/** Documents for the people and lists both domains share: users, distribution lists, lookup lists. */
import { z } from 'zod';
import { HELP_DESK_ROLES, TRAINING_ROLES } from '../../storage/users.js';
import { isValidTimeZone } from '../../time.js';
import { LOOKUP_KINDS } from '../../storage/lookups.js';

const id = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._@-]+$/, 'ids may use letters, digits, ".", "_", "@" and "-"');

/** The user document without its cross-field check: the API's PUT /users/{id} body is this less `id`. */
export const userDocumentShape = z
  .object({
    id,
    name: z.string().trim().min(1, 'name must not be empty'),
    email: z.email({ message: 'not a valid email address' }).nullable().default(null),
    role: z.enum(HELP_DESK_ROLES, { message: `role must be one of ${HELP_DESK_ROLES.join(', ')}` }).default('end user'),
    active: z.boolean().default(true),
    trainingRole: z.enum(TRAINING_ROLES, { message: `trainingRole must be one of ${TRAINING_ROLES.join(', ')}` }).nullable().default(null),
    manager: id.nullable().default(null),
    timeZone: z.string().refine(isValidTimeZone, 'not an IANA time zone (e.g. Europe/Lisbon)').nullable().default(null),
    profile: z.record(z.string().min(1), z.string()).default({}),
  })
  .strict();

export const userDocumentSchema = userDocumentShape.refine((u) => u.manager !== u.id, { message: 'a user cannot be their own manager', path: ['manager'] });

const memberSchema = z
  .object({
    user: id.optional(),
    email: z.email({ message: 'not a valid email address' }).optional(),
    notifyOnEscalate: z.boolean().default(false),
  })
  .strict()
  .refine((m) => (m.user === undefined) !== (m.email === undefined), { message: 'a member is either a user or an email address' });

export const listDocumentSchema = z
  .object({
    id,
    name: z.string().trim().min(1).optional(),
    members: z.array(memberSchema).default([]),
  })
  .strict();

const lookupShape = Object.fromEntries(LOOKUP_KINDS.map((kind) => [kind, z.array(z.string().trim().min(1)).optional()])) as Record<
  (typeof LOOKUP_KINDS)[number],
  z.ZodOptional<z.ZodArray<z.ZodString>>
>;

export const lookupsDocumentSchema = z
  .object(lookupShape)
  .strict()
  .superRefine((lookups, ctx) => {
    for (const [kind, values] of Object.entries(lookups)) {
      const seen = new Set<string>();
      values?.forEach((v, i) => {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [kind, i], message: `duplicate value ${JSON.stringify(v)}` });
        seen.add(v);
      });
    }
  });

export type UserDocument = z.output<typeof userDocumentSchema>;
export type ListDocument = z.output<typeof listDocumentSchema>;
export type LookupsDocument = z.output<typeof lookupsDocumentSchema>;
