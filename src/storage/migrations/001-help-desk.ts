import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/** Users, lookups, distribution lists, issues, notes, rules, runs, escalations, outbox, locks. */
export async function up(db: Kysely<unknown>, { instant, serial }: MigrationContext): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('lookups')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('lookups_pk', ['kind', 'value'])
    .execute();

  await db.schema
    .createTable('distribution_lists')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('distribution_list_members')
    .addColumn('list_id', 'text', (c) => c.notNull().references('distribution_lists.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('email', 'text')
    .addColumn('notify_on_escalate', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('distribution_list_members_pk', ['list_id', 'position'])
    .execute();

  await db.schema
    .createTable('issues')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text')
    .addColumn('substatus', 'text')
    .addColumn('clock_status', 'text', (c) => c.notNull())
    .addColumn('issue_type', 'text')
    .addColumn('subtype1', 'text')
    .addColumn('subtype2', 'text')
    .addColumn('subtype3', 'text')
    .addColumn('subtype4', 'text')
    .addColumn('organization', 'text')
    .addColumn('department', 'text')
    .addColumn('location', 'text')
    .addColumn('project', 'text')
    .addColumn('submitter', 'text', (c) => c.references('users.id'))
    .addColumn('assigned_to', 'text', (c) => c.references('users.id'))
    .addColumn('distribution_list', 'text', (c) => c.references('distribution_lists.id'))
    .addColumn('submitted_at', instant, (c) => c.notNull())
    .addColumn('last_activity_at', instant, (c) => c.notNull())
    .addColumn('target_date', instant)
    .addColumn('required_by_date', instant)
    .addColumn('escalation_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_check_at', instant)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  // The run's only read of issues is "next_check_at <= T". A partial index holds just the issues
  // some rule can still reach (closed ones and ones no rule matches carry NULL), so a run with
  // nothing due is one index probe however many issues are stored.
  await db.schema
    .createIndex('issues_due_idx')
    .on('issues')
    .columns(['next_check_at', 'id'])
    .where(sql.ref('next_check_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('escalation_rules')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('process_order', 'integer', (c) => c.notNull().unique())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('runs')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('at', instant, (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', instant, (c) => c.notNull())
    .addColumn('finished_at', instant)
    .addColumn('issues_checked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('escalations', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reminders', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .execute();
  await db.schema.createIndex('runs_at_idx').on('runs').columns(['at']).execute();

  await db.schema
    .createTable('escalations')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('run_id', 'integer', (c) => c.notNull().references('runs.id'))
    .addColumn('issue_id', 'text', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('rule_id', 'integer', (c) => c.notNull())
    .addColumn('rule_name', 'text', (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .addColumn('escalation_count', 'integer', (c) => c.notNull())
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('recipients', 'text', (c) => c.notNull())
    .addColumn('skipped', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('escalations_issue_idx').on('escalations').columns(['issue_id', 'id']).execute();
  await db.schema.createIndex('escalations_run_idx').on('escalations').columns(['run_id', 'id']).execute();

  await db.schema
    .createTable('notes')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('issue_id', 'text', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author', 'text')
    .addColumn('escalation_id', 'integer', (c) => c.references('escalations.id'))
    .execute();
  await db.schema.createIndex('notes_issue_idx').on('notes').columns(['issue_id', 'id']).execute();

  await db.schema
    .createTable('outbox')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('to_addresses', 'text', (c) => c.notNull())
    .addColumn('cc_addresses', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', instant, (c) => c.notNull())
    .addColumn('locked_until', instant)
    .addColumn('last_error', 'text')
    .addColumn('sent_at', instant)
    .addColumn('transport', 'text')
    .addColumn('escalation_id', 'integer', (c) => c.references('escalations.id'))
    .execute();
  // The sender's claim reads only pending mail; delivered mail (nearly all of it) stays out of the index.
  await db.schema
    .createIndex('outbox_pending_idx')
    .on('outbox')
    .columns(['next_attempt_at', 'id'])
    .where(sql.ref('status'), '=', 'pending')
    .execute();

  await db.schema
    .createTable('locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text')
    .addColumn('expires_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('counters')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
}
