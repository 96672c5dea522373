import { type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';

/** The job queues; their retry and expiry settings are applied at start (server/platform/jobs/queue.ts). */
export const QUEUES = ['alert-fanout', 'alert-mail', 'alert-webhook', 'alert-escalation'] as const;

/**
 * Early alerts (DOMAIN.md §4) and the job queue that delivers them.
 *
 * - `pgboss`: pg-boss's own schema (version 24), created here rather than at first start so that
 *   every database — the tests' template included — has it, and the queues with it.
 * - `item.audience_organisations`: organisations (migration authorities) an item is addressed to.
 *   An alert's are its targets; an item an alert links to gets the targets of every published
 *   alert that links it. The policy reads it (policies/items.ts): an organisation's users read what
 *   is addressed to it, under labels CLEAR, GREEN and AMBER only.
 * - `alert`: severity, validity, targets and review flag in clear (the inbox, the sweeps and the
 *   recipients need them); title, body and ports in one sealed record; a token index for search.
 * - `alert_link`: the items an alert links to.
 * - `alert_recipient`: the inbox — one row per recipient and alert (the primary key is what makes
 *   a redelivered fan-out harmless), with read, acknowledgement, mail, reminder and escalation.
 * - `webhook` and `webhook_delivery`: national systems' endpoints per organisation, and each
 *   alert's delivery to each (status and attempts only; never a response body).
 * - `portal_key`: the portal's OpenPGP key pair, which signs alert mail and webhook bodies; the
 *   private half locked with a passphrase derived from the master key (like `audit_key`).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const plans = PgBoss.getConstructionPlans('pgboss')
    .replace(/^\s*BEGIN;/, '')
    .replace(/COMMIT;\s*$/, '');
  await sql.raw(plans).execute(db);
  for (const name of QUEUES) await sql`select pgboss.create_queue(${name}, ${JSON.stringify({ policy: 'standard' })}::json)`.execute(db);

  await sql`alter table item add column audience_organisations uuid[] not null default '{}'`.execute(db);
  await sql`create index item_audience_idx on item using gin (audience_organisations)`.execute(db);

  await sql`
    create table alert (
      item_id uuid primary key references item (id),
      space_id uuid not null references space (id),
      severity text not null check (severity in ('info', 'warning', 'urgent')),
      content_id uuid not null references sealed (id),
      target_countries text[] not null default '{}',
      target_organisations uuid[] not null default '{}',
      valid_from timestamptz not null,
      valid_until timestamptz not null,
      tokens text[] not null default '{}',
      published_at timestamptz,
      review_pending boolean not null default false,
      reviewed_by uuid references app_user (id),
      reviewed_at timestamptz,
      check (valid_until > valid_from)
    )`.execute(db);
  await sql`create index alert_tokens_idx on alert using gin (tokens)`.execute(db);
  await sql`create index alert_valid_until_idx on alert (valid_until)`.execute(db);

  await sql`
    create table alert_link (
      alert_id uuid not null references item (id),
      item_id uuid not null references item (id),
      primary key (alert_id, item_id)
    )`.execute(db);
  await sql`create index alert_link_item_idx on alert_link (item_id)`.execute(db);

  await sql`
    create table alert_recipient (
      alert_id uuid not null references item (id),
      user_id uuid not null references app_user (id),
      via text not null check (via in ('member', 'organisation')),
      delivered_at timestamptz not null,
      read_at timestamptz,
      acknowledged_at timestamptz,
      mail text not null default 'pending' check (mail in ('pending', 'encrypted', 'plain', 'failed')),
      mailed_at timestamptz,
      reminded_at timestamptz,
      escalated_at timestamptz,
      primary key (alert_id, user_id)
    )`.execute(db);
  await sql`create index alert_recipient_user_idx on alert_recipient (user_id, delivered_at desc)`.execute(db);

  await sql`
    create table webhook (
      id uuid primary key default gen_random_uuid(),
      organisation_id uuid not null references organisation (id),
      url text not null check (url ~ '^https?://[^\\s]+$' and length(url) <= 500),
      created_by uuid references app_user (id),
      created_at timestamptz not null,
      disabled_at timestamptz
    )`.execute(db);
  await sql`create index webhook_organisation_idx on webhook (organisation_id) where disabled_at is null`.execute(db);

  await sql`
    create table webhook_delivery (
      alert_id uuid not null references item (id),
      webhook_id uuid not null references webhook (id),
      status text not null default 'pending' check (status in ('pending', 'delivered', 'failed')),
      attempts integer not null default 0,
      last_status integer,
      delivered_at timestamptz,
      primary key (alert_id, webhook_id)
    )`.execute(db);

  await sql`
    create table portal_key (
      fingerprint text primary key,
      public_key text not null,
      private_key text not null,
      created_at timestamptz not null,
      retired_at timestamptz
    )`.execute(db);
  await sql`create unique index portal_key_current on portal_key ((true)) where retired_at is null`.execute(db);
}
