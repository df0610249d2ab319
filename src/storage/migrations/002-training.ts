import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/** Training: people's training fields, courses, training escalation rules, enrollments, the reminder ledger. */
export async function up(db: Kysely<unknown>, { instant, serial }: MigrationContext): Promise<void> {
  await db.schema.alterTable('users').addColumn('training_role', 'text').execute();
  await db.schema.alterTable('users').addColumn('manager_id', 'text').execute();
  await db.schema.alterTable('users').addColumn('time_zone', 'text').execute();
  await db.schema.alterTable('users').addColumn('profile', 'text', (c) => c.notNull().defaultTo('{}')).execute();

  await db.schema
    .createTable('training_rules')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('tiers', 'text', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('courses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('enrollments')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('learner_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('course_id', 'text', (c) => c.notNull().references('courses.id').onDelete('cascade'))
    .addColumn('assigned_at', instant, (c) => c.notNull())
    .addColumn('due_date_override', 'text')
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('cycle_kind', 'text', (c) => c.notNull())
    .addColumn('cycle_started_at', instant, (c) => c.notNull())
    .addColumn('cycle_due_date', 'text')
    .addColumn('completed_at', instant)
    .addColumn('compliance_date', 'text')
    .addColumn('reminders_sent', 'integer', (c) => c.notNull())
    .addColumn('last_slot', 'integer', (c) => c.notNull())
    .addColumn('next_action_at', instant)
    .addColumn('version', 'integer', (c) => c.notNull())
    .addUniqueConstraint('enrollments_learner_course_uq', ['learner_id', 'course_id'])
    .execute();
  // Same cost model as issues: a run reads only enrollments with something due, via this index.
  await db.schema
    .createIndex('enrollments_due_idx')
    .on('enrollments')
    .columns(['next_action_at', 'id'])
    .where(sql.ref('next_action_at'), 'is not', null)
    .execute();
  await db.schema.createIndex('enrollments_course_idx').on('enrollments').columns(['course_id', 'id']).execute();

  // The ledger: one row per reminder ever sent. The unique key is what makes a retried,
  // overlapped or restarted run unable to send the same reminder twice.
  await db.schema
    .createTable('training_reminders')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('enrollment_id', 'integer', (c) => c.notNull().references('enrollments.id').onDelete('cascade'))
    .addColumn('run_id', 'integer', (c) => c.references('runs.id'))
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('reminder_number', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .addColumn('to_addresses', 'text', (c) => c.notNull())
    .addColumn('cc_addresses', 'text', (c) => c.notNull())
    .addColumn('skipped', 'text', (c) => c.notNull())
    .addColumn('outbox_id', 'integer', (c) => c.references('outbox.id'))
    .addUniqueConstraint('training_reminders_once_uq', ['enrollment_id', 'cycle', 'reminder_number'])
    .execute();
  await db.schema.createIndex('training_reminders_run_idx').on('training_reminders').columns(['run_id', 'id']).execute();
}
