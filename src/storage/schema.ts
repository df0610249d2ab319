/**
 * Table types as the database sees them. Instants are epoch-ms integers (bigint on PostgreSQL,
 * integer on SQLite), booleans are 0/1 and structured values are JSON text: the one shape both
 * dialects bind and return alike. Domain types live with their domains; codecs translate.
 */
import type { Generated, Selectable } from 'kysely';

export interface UsersTable {
  id: string;
  name: string;
  email: string | null;
  role: string;
  active: number;
  training_role: string | null;
  manager_id: string | null;
  time_zone: string | null;
  /** JSON object of custom profile fields, e.g. {"Supervisor Email": "…"}. */
  profile: string;
  /** scrypt hash (see domains/accounts/passwords.ts); null: cannot sign in with a password. */
  password_hash: string | null;
}

export interface LookupsTable {
  kind: string;
  value: string;
  position: number;
}

export interface DistributionListsTable {
  id: string;
  name: string;
}

export interface DistributionListMembersTable {
  list_id: string;
  position: number;
  user_id: string | null;
  email: string | null;
  notify_on_escalate: number;
}

export interface IssuesTable {
  id: string;
  subject: string;
  description: string;
  status: string;
  priority: string | null;
  substatus: string | null;
  clock_status: string;
  issue_type: string | null;
  subtype1: string | null;
  subtype2: string | null;
  subtype3: string | null;
  subtype4: string | null;
  organization: string | null;
  department: string | null;
  location: string | null;
  project: string | null;
  submitter: string | null;
  assigned_to: string | null;
  distribution_list: string | null;
  submitted_at: number;
  last_activity_at: number;
  target_date: number | null;
  required_by_date: number | null;
  escalation_count: number;
  /** Earliest instant any rule could next apply; null when none can (or the issue is closed). */
  next_check_at: number | null;
  version: number;
}

export interface NotesTable {
  id: Generated<number>;
  issue_id: string;
  created_at: number;
  visibility: string;
  text: string;
  author: string | null;
  escalation_id: number | null;
}

export interface EscalationRulesTable {
  id: Generated<number>;
  name: string;
  enabled: number;
  process_order: number;
  /** The canonical rule document, minus name/enabled/processOrder which have columns. */
  document: string;
  updated_at: number;
}

export interface RunsTable {
  id: Generated<number>;
  at: number;
  trigger: string;
  status: string;
  started_at: number;
  finished_at: number | null;
  issues_checked: number;
  escalations: number;
  reminders: number;
  error: string | null;
}

export interface EscalationsTable {
  id: Generated<number>;
  run_id: number;
  issue_id: string;
  rule_id: number;
  rule_name: string;
  at: number;
  escalation_count: number;
  changes: string;
  notes: string;
  recipients: string;
  skipped: string;
  priority: string | null;
  due_at: number | null;
}

export interface OutboxTable {
  id: Generated<number>;
  created_at: number;
  kind: string;
  to_addresses: string;
  cc_addresses: string;
  subject: string;
  body: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  locked_until: number | null;
  last_error: string | null;
  sent_at: number | null;
  transport: string | null;
  escalation_id: number | null;
  webhook_id: number | null;
  event: string | null;
  response_status: number | null;
}

export interface LocksTable {
  name: string;
  holder: string | null;
  expires_at: number;
}

export interface CountersTable {
  name: string;
  value: number;
}

export interface TrainingRulesTable {
  id: Generated<number>;
  name: string;
  tiers: string;
  updated_at: number;
}

export interface CoursesTable {
  id: string;
  title: string;
  /** The course document (training domain), JSON. */
  document: string;
  updated_at: number;
}

export interface EnrollmentsTable {
  id: Generated<number>;
  learner_id: string;
  course_id: string;
  assigned_at: number;
  due_date_override: string | null;
  cycle: number;
  cycle_kind: string;
  cycle_started_at: number;
  cycle_due_date: string | null;
  completed_at: number | null;
  compliance_date: string | null;
  reminders_sent: number;
  last_slot: number;
  next_action_at: number | null;
  version: number;
}

export interface TrainingRemindersTable {
  id: Generated<number>;
  enrollment_id: number;
  run_id: number | null;
  cycle: number;
  reminder_number: number;
  kind: string;
  at: number;
  to_addresses: string;
  cc_addresses: string;
  skipped: string;
  outbox_id: number | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface WebhooksTable {
  id: Generated<number>;
  url: string;
  secret: string;
  events: string;
  active: number;
  created_at: number;
}

export interface Database {
  users: UsersTable;
  lookups: LookupsTable;
  distribution_lists: DistributionListsTable;
  distribution_list_members: DistributionListMembersTable;
  issues: IssuesTable;
  notes: NotesTable;
  escalation_rules: EscalationRulesTable;
  runs: RunsTable;
  escalations: EscalationsTable;
  outbox: OutboxTable;
  locks: LocksTable;
  counters: CountersTable;
  training_rules: TrainingRulesTable;
  courses: CoursesTable;
  enrollments: EnrollmentsTable;
  training_reminders: TrainingRemindersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
}

export type IssueRow = Selectable<IssuesTable>;
export type RuleRow = Selectable<EscalationRulesTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type RunRow = Selectable<RunsTable>;
export type EscalationRow = Selectable<EscalationsTable>;
