/**
 * The issue document: condition field names as keys, instants as ISO 8601 strings. Used by
 * `issues create|update|show`, import, the simulator and the API.
 */
import { z } from 'zod';
import type { IssueRecord } from '../../storage/issues.js';
import { isoOrNull, iso } from '../../time.js';

const text = z.string().min(1).nullable();
const instant = z.string().min(1);

const fields = {
  subject: z.string().trim().min(1, 'subject must not be empty'),
  description: z.string(),
  status: z.enum(['open', 'closed'], { message: 'status must be "open" or "closed"' }),
  priority: text,
  substatus: text,
  clockStatus: z.enum(['running', 'paused'], { message: 'clockStatus must be "running" or "paused"' }),
  issueType: text,
  subtype1: text,
  subtype2: text,
  subtype3: text,
  subtype4: text,
  organization: text,
  department: text,
  location: text,
  project: text,
  submitter: text,
  assignedTo: text,
  distributionList: text,
  submittedAt: instant,
  lastActivityAt: instant,
  targetDate: instant.nullable(),
  requiredByDate: instant.nullable(),
  escalationCount: z.number().int().min(0),
};

/** A new issue: `subject` is required, everything else has a default. */
export const newIssueSchema = z
  .object({ id: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'id may use letters, digits, ".", "_" and "-"').optional() })
  .extend(fields)
  .partial()
  .required({ subject: true })
  .strict();

/** A change to an issue: any field but `id`. */
export const issuePatchSchema = z.object(fields).partial().strict();

export type NewIssueDocument = z.output<typeof newIssueSchema>;
export type IssuePatch = z.output<typeof issuePatchSchema>;

/** Issue-document keys that hold lookup values, with the lookup list each is checked against. */
export const LOOKUP_FIELDS = {
  priority: 'priorities',
  substatus: 'substatuses',
  issueType: 'issueTypes',
  subtype1: 'subtypes1',
  subtype2: 'subtypes2',
  subtype3: 'subtypes3',
  subtype4: 'subtypes4',
  organization: 'organizations',
  department: 'departments',
  location: 'locations',
  project: 'projects',
} as const;

export type LookupField = keyof typeof LOOKUP_FIELDS;

export function toIssueDocument(issue: IssueRecord) {
  return {
    id: issue.id,
    subject: issue.subject,
    description: issue.description,
    status: issue.status,
    priority: issue.priority,
    substatus: issue.substatus,
    clockStatus: issue.clockStatus,
    issueType: issue.issueType,
    subtype1: issue.subtype1,
    subtype2: issue.subtype2,
    subtype3: issue.subtype3,
    subtype4: issue.subtype4,
    organization: issue.organization,
    department: issue.department,
    location: issue.location,
    project: issue.project,
    submitter: issue.submitter,
    assignedTo: issue.assignedTo,
    distributionList: issue.distributionList,
    submittedAt: iso(issue.submittedAt),
    lastActivityAt: iso(issue.lastActivityAt),
    targetDate: isoOrNull(issue.targetDate),
    requiredByDate: isoOrNull(issue.requiredByDate),
    escalationCount: issue.escalationCount,
    nextCheckAt: isoOrNull(issue.nextCheckAt),
  };
}

export type IssueDocument = ReturnType<typeof toIssueDocument>;
