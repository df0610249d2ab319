import { sql, type Kysely } from 'kysely';
import type { MigrationContext } from '../migrate.js';

/** Sign-in (passwords, sessions, API tokens) and webhooks, whose deliveries go through the outbox. */
export async function up(db: Kysely<unknown>, { instant, serial }: MigrationContext): Promise<void> {
  await db.schema.alterTable('users').addColumn('password_hash', 'text').execute();
  await db.schema.createIndex('users_email_idx').on('users').column('email').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('expires_at', instant, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('last_used_at', instant)
    .addColumn('revoked_at', instant)
    .execute();

  await db.schema
    .createTable('webhooks')
    .addColumn('id', serial, (c) => c.primaryKey())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();

  // For reports and metrics: the priority the issue had after the escalation, and the instant the
  // issue became due, so lateness (how long after due a run got to it) is measurable.
  await db.schema.alterTable('escalations').addColumn('priority', 'text').execute();
  await db.schema.alterTable('escalations').addColumn('due_at', instant).execute();

  // A webhook delivery is an outbox row of kind "webhook": same claim, retry and backoff as mail.
  await db.schema.alterTable('outbox').addColumn('webhook_id', 'integer').execute();
  await db.schema.alterTable('outbox').addColumn('event', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('response_status', 'integer').execute();
  await db.schema.createIndex('outbox_webhook_idx').on('outbox').columns(['webhook_id', 'id']).where(sql.ref('webhook_id'), 'is not', null).execute();
}
