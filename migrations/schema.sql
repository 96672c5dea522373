-- Generated from the migrated database by `npm run schema:update`. Do not edit.

create extension if not exists citext;

create table app_user (
  id uuid default gen_random_uuid() not null,
  email citext not null,
  display_name text not null,
  country text not null,
  organisation text not null,
  language text default 'es'::text not null,
  status text default 'invited'::text not null,
  roles text[] default '{}'::text[] not null,
  password_hash text,
  password_changed_at timestamp with time zone,
  totp_secret text,
  totp_pending_secret text,
  totp_enabled_at timestamp with time zone,
  totp_last_step bigint,
  pgp_public_key text,
  pgp_fingerprint text,
  created_at timestamp with time zone default now() not null,
  updated_at timestamp with time zone default now() not null,
  constraint app_user_check CHECK (status = 'invited'::text OR password_hash IS NOT NULL),
  constraint app_user_check1 CHECK ((pgp_public_key IS NULL) = (pgp_fingerprint IS NULL)),
  constraint app_user_country_check CHECK (country ~ '^[A-Z]{2,5}$'::text),
  constraint app_user_display_name_check CHECK (length(display_name) >= 1 AND length(display_name) <= 200),
  constraint app_user_email_check CHECK (length(email::text) >= 3 AND length(email::text) <= 254 AND email ~ '^[^@\s]+@[^@\s]+$'::citext),
  constraint app_user_email_key UNIQUE (email),
  constraint app_user_language_check CHECK (language = ANY (ARRAY['es'::text, 'en'::text])),
  constraint app_user_organisation_check CHECK (length(organisation) >= 1 AND length(organisation) <= 200),
  constraint app_user_pgp_fingerprint_check CHECK (pgp_fingerprint ~ '^[0-9A-F]{40,64}$'::text),
  constraint app_user_pkey PRIMARY KEY (id),
  constraint app_user_roles_check CHECK (roles <@ ARRAY['secretariat'::text, 'presidency'::text, 'auditor'::text]),
  constraint app_user_status_check CHECK (status = ANY (ARRAY['invited'::text, 'active'::text, 'locked'::text, 'disabled'::text]))
);

create table instance (
  id smallint default 1 not null,
  instance_id uuid default gen_random_uuid() not null,
  created_at timestamp with time zone default now() not null,
  constraint instance_id_check CHECK (id = 1),
  constraint instance_pkey PRIMARY KEY (id)
);

create table login_throttle (
  key text not null,
  failures integer default 0 not null,
  last_failure_at timestamp with time zone not null,
  locked_until timestamp with time zone,
  constraint login_throttle_failures_check CHECK (failures >= 0),
  constraint login_throttle_pkey PRIMARY KEY (key)
);

create table one_time_token (
  id uuid default gen_random_uuid() not null,
  user_id uuid not null,
  purpose text not null,
  token_hash bytea not null,
  created_by uuid,
  created_at timestamp with time zone not null,
  expires_at timestamp with time zone not null,
  used_at timestamp with time zone,
  constraint one_time_token_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id) ON DELETE SET NULL,
  constraint one_time_token_pkey PRIMARY KEY (id),
  constraint one_time_token_purpose_check CHECK (purpose = ANY (ARRAY['invitation'::text, 'reset'::text])),
  constraint one_time_token_token_hash_key UNIQUE (token_hash),
  constraint one_time_token_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE
);

create table recovery_code (
  user_id uuid not null,
  code_hash bytea not null,
  used_at timestamp with time zone,
  constraint recovery_code_pkey PRIMARY KEY (user_id, code_hash),
  constraint recovery_code_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE
);

create table user_session (
  id uuid default gen_random_uuid() not null,
  user_id uuid not null,
  token_hash bytea not null,
  csrf_hash bytea not null,
  stage text not null,
  created_at timestamp with time zone not null,
  last_seen_at timestamp with time zone not null,
  expires_at timestamp with time zone not null,
  client_address text,
  user_agent text,
  revoked_at timestamp with time zone,
  constraint user_session_pkey PRIMARY KEY (id),
  constraint user_session_stage_check CHECK (stage = ANY (ARRAY['enrol'::text, 'full'::text])),
  constraint user_session_token_hash_key UNIQUE (token_hash),
  constraint user_session_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE
);

CREATE INDEX one_time_token_user_idx ON public.one_time_token USING btree (user_id, purpose) WHERE (used_at IS NULL);
CREATE INDEX user_session_user_idx ON public.user_session USING btree (user_id) WHERE (revoked_at IS NULL);
