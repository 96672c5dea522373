-- Generated from the migrated database by `npm run schema:update`. Do not edit.

create extension if not exists btree_gist;
create extension if not exists citext;

create table access_purpose (
  session_id uuid not null,
  item_id uuid not null,
  purpose text not null,
  stated_at timestamp with time zone not null,
  expires_at timestamp with time zone not null,
  constraint access_purpose_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id) ON DELETE CASCADE,
  constraint access_purpose_pkey PRIMARY KEY (session_id, item_id),
  constraint access_purpose_purpose_check CHECK (length(purpose) >= 1 AND length(purpose) <= 500),
  constraint access_purpose_session_id_fkey FOREIGN KEY (session_id) REFERENCES user_session(id) ON DELETE CASCADE
);

create table alert (
  item_id uuid not null,
  space_id uuid not null,
  severity text not null,
  content_id uuid not null,
  target_countries text[] default '{}'::text[] not null,
  target_organisations uuid[] default '{}'::uuid[] not null,
  valid_from timestamp with time zone not null,
  valid_until timestamp with time zone not null,
  tokens text[] default '{}'::text[] not null,
  published_at timestamp with time zone,
  review_pending boolean default false not null,
  reviewed_by uuid,
  reviewed_at timestamp with time zone,
  audience text default 'targets'::text not null,
  constraint alert_audience_check CHECK (audience = ANY (ARRAY['targets'::text, 'contact_points'::text])),
  constraint alert_check CHECK (valid_until > valid_from),
  constraint alert_content_id_fkey FOREIGN KEY (content_id) REFERENCES sealed(id),
  constraint alert_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint alert_pkey PRIMARY KEY (item_id),
  constraint alert_reviewed_by_fkey FOREIGN KEY (reviewed_by) REFERENCES app_user(id),
  constraint alert_severity_check CHECK (severity = ANY (ARRAY['info'::text, 'warning'::text, 'urgent'::text])),
  constraint alert_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id)
);

create table alert_link (
  alert_id uuid not null,
  item_id uuid not null,
  constraint alert_link_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES item(id),
  constraint alert_link_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint alert_link_pkey PRIMARY KEY (alert_id, item_id)
);

create table alert_recipient (
  alert_id uuid not null,
  user_id uuid not null,
  via text not null,
  delivered_at timestamp with time zone not null,
  read_at timestamp with time zone,
  acknowledged_at timestamp with time zone,
  mail text default 'pending'::text not null,
  mailed_at timestamp with time zone,
  reminded_at timestamp with time zone,
  escalated_at timestamp with time zone,
  constraint alert_recipient_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES item(id),
  constraint alert_recipient_mail_check CHECK (mail = ANY (ARRAY['pending'::text, 'encrypted'::text, 'plain'::text, 'failed'::text])),
  constraint alert_recipient_pkey PRIMARY KEY (alert_id, user_id),
  constraint alert_recipient_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id),
  constraint alert_recipient_via_check CHECK (via = ANY (ARRAY['member'::text, 'organisation'::text]))
);

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
  organisation_id uuid,
  constraint app_user_check CHECK (status = 'invited'::text OR password_hash IS NOT NULL),
  constraint app_user_check1 CHECK ((pgp_public_key IS NULL) = (pgp_fingerprint IS NULL)),
  constraint app_user_country_check CHECK (country ~ '^[A-Z]{2,5}$'::text),
  constraint app_user_display_name_check CHECK (length(display_name) >= 1 AND length(display_name) <= 200),
  constraint app_user_email_check CHECK (length(email::text) >= 3 AND length(email::text) <= 254 AND email ~ '^[^@\s]+@[^@\s]+$'::citext),
  constraint app_user_email_key UNIQUE (email),
  constraint app_user_language_check CHECK (language = ANY (ARRAY['es'::text, 'en'::text])),
  constraint app_user_organisation_check CHECK (length(organisation) >= 1 AND length(organisation) <= 200),
  constraint app_user_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id),
  constraint app_user_pgp_fingerprint_check CHECK (pgp_fingerprint ~ '^[0-9A-F]{40,64}$'::text),
  constraint app_user_pkey PRIMARY KEY (id),
  constraint app_user_roles_check CHECK (roles <@ ARRAY['secretariat'::text, 'presidency'::text, 'auditor'::text]),
  constraint app_user_status_check CHECK (status = ANY (ARRAY['invited'::text, 'active'::text, 'locked'::text, 'disabled'::text]))
);

create table audit_checkpoint (
  seq bigint not null,
  hash bytea not null,
  at timestamp with time zone not null,
  fingerprint text not null,
  signature text not null,
  constraint audit_checkpoint_fingerprint_fkey FOREIGN KEY (fingerprint) REFERENCES audit_key(fingerprint),
  constraint audit_checkpoint_hash_check CHECK (length(hash) = 32),
  constraint audit_checkpoint_pkey PRIMARY KEY (seq),
  constraint audit_checkpoint_seq_check CHECK (seq >= 1)
);

create table audit_entry (
  seq bigint not null,
  at timestamp with time zone not null,
  actor_id uuid,
  actor_country text,
  action text not null,
  outcome text not null,
  subject_type text,
  subject_id text,
  space_id uuid,
  request_id text,
  client_address text,
  user_agent text,
  purpose text,
  details jsonb default '{}'::jsonb not null,
  prev_hash bytea not null,
  hash bytea not null,
  constraint audit_entry_action_check CHECK (action ~ '^[a-z][a-z0-9_.]*$'::text),
  constraint audit_entry_hash_check CHECK (length(hash) = 32),
  constraint audit_entry_hash_key UNIQUE (hash),
  constraint audit_entry_outcome_check CHECK (outcome = ANY (ARRAY['allowed'::text, 'denied'::text, 'error'::text])),
  constraint audit_entry_pkey PRIMARY KEY (seq),
  constraint audit_entry_prev_hash_check CHECK (length(prev_hash) = 32),
  constraint audit_entry_seq_check CHECK (seq >= 1)
);

create table audit_key (
  fingerprint text not null,
  public_key text not null,
  private_key text not null,
  created_at timestamp with time zone not null,
  retired_at timestamp with time zone,
  constraint audit_key_pkey PRIMARY KEY (fingerprint)
);

create table audit_queue (
  id bigint default nextval('audit_queue_id_seq'::regclass) not null,
  at timestamp with time zone not null,
  actor_id uuid,
  actor_country text,
  action text not null,
  outcome text not null,
  subject_type text,
  subject_id text,
  space_id uuid,
  request_id text,
  client_address text,
  user_agent text,
  purpose text,
  details jsonb default '{}'::jsonb not null,
  tail bytea not null,
  constraint audit_queue_action_check CHECK (action ~ '^[a-z][a-z0-9_.]*$'::text),
  constraint audit_queue_outcome_check CHECK (outcome = ANY (ARRAY['allowed'::text, 'denied'::text, 'error'::text])),
  constraint audit_queue_pkey PRIMARY KEY (id)
);

create table calendar_key (
  user_id uuid not null,
  key_hash bytea not null,
  created_at timestamp with time zone not null,
  constraint calendar_key_key_hash_key UNIQUE (key_hash),
  constraint calendar_key_pkey PRIMARY KEY (user_id),
  constraint calendar_key_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id)
);

create table commitment (
  id uuid default gen_random_uuid() not null,
  network_id uuid not null,
  key_space_id uuid not null,
  plan text,
  source text,
  agreement_id uuid,
  activity_es text,
  activity_en text,
  indicator_es text,
  indicator_en text,
  calendar text not null,
  due_on date,
  starts_on date,
  created_by uuid not null,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  constraint commitment_activity_en_check CHECK (activity_en IS NULL OR length(activity_en) >= 1 AND length(activity_en) <= 4000),
  constraint commitment_activity_es_check CHECK (activity_es IS NULL OR length(activity_es) >= 1 AND length(activity_es) <= 4000),
  constraint commitment_agreement_fk FOREIGN KEY (agreement_id) REFERENCES meeting_agreement(id),
  constraint commitment_calendar_check CHECK (calendar = ANY (ARRAY['once'::text, 'semiannual'::text, 'annual'::text, 'continuous'::text])),
  constraint commitment_check CHECK (activity_es IS NOT NULL OR activity_en IS NOT NULL),
  constraint commitment_check1 CHECK (calendar = 'once'::text OR due_on IS NULL),
  constraint commitment_check2 CHECK ((calendar = ANY (ARRAY['semiannual'::text, 'annual'::text])) = (starts_on IS NOT NULL)),
  constraint commitment_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint commitment_indicator_en_check CHECK (indicator_en IS NULL OR length(indicator_en) >= 1 AND length(indicator_en) <= 1000),
  constraint commitment_indicator_es_check CHECK (indicator_es IS NULL OR length(indicator_es) >= 1 AND length(indicator_es) <= 1000),
  constraint commitment_key_space_id_fkey FOREIGN KEY (key_space_id) REFERENCES space(id),
  constraint commitment_network_id_fkey FOREIGN KEY (network_id) REFERENCES network(id),
  constraint commitment_pkey PRIMARY KEY (id),
  constraint commitment_plan_check CHECK (plan IS NULL OR length(plan) >= 1 AND length(plan) <= 200),
  constraint commitment_source_check CHECK (source IS NULL OR length(source) >= 1 AND length(source) <= 300)
);

create table commitment_evidence (
  file_id uuid not null,
  update_id uuid not null,
  details_id uuid not null,
  constraint commitment_evidence_details_id_fkey FOREIGN KEY (details_id) REFERENCES sealed(id),
  constraint commitment_evidence_file_id_fkey FOREIGN KEY (file_id) REFERENCES stored_file(id),
  constraint commitment_evidence_pkey PRIMARY KEY (file_id),
  constraint commitment_evidence_update_id_fkey FOREIGN KEY (update_id) REFERENCES commitment_update(id)
);

create table commitment_responsible (
  commitment_id uuid not null,
  responsible text not null,
  network_id uuid not null,
  status text default 'not_started'::text not null,
  status_at timestamp with time zone,
  constraint commitment_responsible_commitment_id_fkey FOREIGN KEY (commitment_id) REFERENCES commitment(id),
  constraint commitment_responsible_network_id_fkey FOREIGN KEY (network_id) REFERENCES network(id),
  constraint commitment_responsible_pkey PRIMARY KEY (commitment_id, responsible),
  constraint commitment_responsible_responsible_check CHECK (responsible ~ '^[A-Z]{2,5}$'::text),
  constraint commitment_responsible_status_check CHECK (status = ANY (ARRAY['not_started'::text, 'in_progress'::text, 'done'::text]))
);

create table commitment_update (
  id uuid default gen_random_uuid() not null,
  seq bigint generated always as identity not null,
  commitment_id uuid not null,
  responsible text not null,
  status text not null,
  note_id uuid,
  author_id uuid not null,
  author_country text not null,
  created_at timestamp with time zone not null,
  constraint commitment_update_author_id_fkey FOREIGN KEY (author_id) REFERENCES app_user(id),
  constraint commitment_update_commitment_id_responsible_fkey FOREIGN KEY (commitment_id, responsible) REFERENCES commitment_responsible(commitment_id, responsible),
  constraint commitment_update_note_id_fkey FOREIGN KEY (note_id) REFERENCES sealed(id),
  constraint commitment_update_pkey PRIMARY KEY (id),
  constraint commitment_update_status_check CHECK (status = ANY (ARRAY['not_started'::text, 'in_progress'::text, 'done'::text]))
);

create table correction (
  id uuid default gen_random_uuid() not null,
  item_id uuid not null,
  status text default 'proposed'::text not null,
  proposal_id uuid not null,
  proposed_by uuid not null,
  proposer_country text not null,
  created_at timestamp with time zone not null,
  decided_by uuid,
  decided_at timestamp with time zone,
  constraint correction_check CHECK ((status = 'proposed'::text) = (decided_at IS NULL)),
  constraint correction_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES app_user(id),
  constraint correction_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint correction_pkey PRIMARY KEY (id),
  constraint correction_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES sealed(id),
  constraint correction_proposed_by_fkey FOREIGN KEY (proposed_by) REFERENCES app_user(id),
  constraint correction_status_check CHECK (status = ANY (ARRAY['proposed'::text, 'accepted'::text, 'rejected'::text]))
);

create table country_return (
  id uuid default gen_random_uuid() not null,
  template_id uuid not null,
  network_id uuid not null,
  period text not null,
  country text not null,
  status text not null,
  version integer not null,
  submitted_version integer,
  due_on date not null,
  created_by uuid not null,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  constraint country_return_check CHECK (submitted_version > 0 AND submitted_version <= version),
  constraint country_return_check1 CHECK ((status = 'draft'::text) = (submitted_version IS NULL)),
  constraint country_return_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint country_return_network_id_fkey FOREIGN KEY (network_id) REFERENCES network(id),
  constraint country_return_pkey PRIMARY KEY (id),
  constraint country_return_status_check CHECK (status = ANY (ARRAY['draft'::text, 'submitted'::text, 'amending'::text])),
  constraint country_return_template_id_fkey FOREIGN KEY (template_id) REFERENCES return_template(id),
  constraint country_return_template_id_period_country_key UNIQUE (template_id, period, country),
  constraint country_return_version_check CHECK (version > 0)
);

create table deadline_reminder (
  obligation text not null,
  subject_id uuid not null,
  country text not null,
  threshold text not null,
  due_on date not null,
  sent_at timestamp with time zone not null,
  constraint deadline_reminder_obligation_check CHECK (obligation = ANY (ARRAY['loading'::text, 'return'::text])),
  constraint deadline_reminder_pkey PRIMARY KEY (obligation, subject_id, country, threshold, due_on),
  constraint deadline_reminder_threshold_check CHECK (threshold = ANY (ARRAY['due_14'::text, 'due_3'::text, 'late'::text]))
);

create table directory_entry (
  id uuid default gen_random_uuid() not null,
  network_id uuid not null,
  country text not null,
  key_space_id uuid,
  content_id uuid,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone,
  updated_by uuid,
  confirmed_at timestamp with time zone,
  confirmed_by uuid,
  constraint directory_entry_check CHECK ((content_id IS NULL) = (key_space_id IS NULL)),
  constraint directory_entry_check1 CHECK ((confirmed_at IS NULL) = (confirmed_by IS NULL)),
  constraint directory_entry_confirmed_by_fkey FOREIGN KEY (confirmed_by) REFERENCES app_user(id),
  constraint directory_entry_content_id_fkey FOREIGN KEY (content_id) REFERENCES sealed(id),
  constraint directory_entry_country_check CHECK (country ~ '^[A-Z]{3}$'::text),
  constraint directory_entry_key_space_id_fkey FOREIGN KEY (key_space_id) REFERENCES space(id),
  constraint directory_entry_network_id_country_key UNIQUE (network_id, country),
  constraint directory_entry_network_id_fkey FOREIGN KEY (network_id) REFERENCES network(id),
  constraint directory_entry_pkey PRIMARY KEY (id),
  constraint directory_entry_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES app_user(id)
);

create table directory_reminder (
  entry_id uuid not null,
  cycle_start timestamp with time zone not null,
  sent_at timestamp with time zone not null,
  constraint directory_reminder_entry_id_fkey FOREIGN KEY (entry_id) REFERENCES directory_entry(id),
  constraint directory_reminder_pkey PRIMARY KEY (entry_id, cycle_start)
);

create table entry_requirement (
  destination text not null,
  nationality text not null,
  requirement text not null,
  days_allowed integer,
  exceptions_es text,
  exceptions_en text,
  legal_source text,
  effective_on date,
  note text,
  version integer default 1 not null,
  updated_by uuid not null,
  updated_at timestamp with time zone not null,
  constraint entry_requirement_check CHECK (nationality ~ '^[A-Z]{3}$'::text AND nationality <> destination),
  constraint entry_requirement_check1 CHECK (requirement = 'none'::text OR days_allowed IS NULL),
  constraint entry_requirement_days_allowed_check CHECK (days_allowed >= 1 AND days_allowed <= 3650),
  constraint entry_requirement_destination_check CHECK (destination = ANY (ARRAY['BLZ'::text, 'CAN'::text, 'CRI'::text, 'DOM'::text, 'GTM'::text, 'HND'::text, 'MEX'::text, 'NIC'::text, 'PAN'::text, 'SLV'::text, 'USA'::text])),
  constraint entry_requirement_exceptions_en_check CHECK (length(exceptions_en) >= 1 AND length(exceptions_en) <= 2000),
  constraint entry_requirement_exceptions_es_check CHECK (length(exceptions_es) >= 1 AND length(exceptions_es) <= 2000),
  constraint entry_requirement_legal_source_check CHECK (length(legal_source) >= 1 AND length(legal_source) <= 500),
  constraint entry_requirement_note_check CHECK (length(note) >= 1 AND length(note) <= 2000),
  constraint entry_requirement_pkey PRIMARY KEY (destination, nationality),
  constraint entry_requirement_requirement_check CHECK (requirement = ANY (ARRAY['none'::text, 'visa'::text, 'electronic_authorisation'::text, 'visa_on_arrival'::text, 'transit_visa'::text, 'special_authorisation'::text, 'not_admitted'::text])),
  constraint entry_requirement_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES app_user(id)
);

create table entry_requirement_change (
  id uuid default gen_random_uuid() not null,
  seq bigint generated always as identity not null,
  destination text not null,
  nationality text not null,
  old_value jsonb,
  new_value jsonb,
  source text not null,
  proposal_id uuid,
  changed_by uuid not null,
  changed_at timestamp with time zone not null,
  constraint entry_requirement_change_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES app_user(id),
  constraint entry_requirement_change_check CHECK ((source = 'proposal'::text) = (proposal_id IS NOT NULL)),
  constraint entry_requirement_change_pkey PRIMARY KEY (id),
  constraint entry_requirement_change_proposal_id_fkey FOREIGN KEY (proposal_id) REFERENCES entry_requirement_proposal(id),
  constraint entry_requirement_change_seq_key UNIQUE (seq),
  constraint entry_requirement_change_source_check CHECK (source = ANY (ARRAY['edit'::text, 'proposal'::text, 'import'::text])),
  constraint entry_requirement_change_value_check CHECK (old_value IS NOT NULL OR new_value IS NOT NULL)
);

create table entry_requirement_proposal (
  id uuid default gen_random_uuid() not null,
  destination text not null,
  nationality text not null,
  requirement text not null,
  days_allowed integer,
  exceptions_es text,
  exceptions_en text,
  legal_source text,
  effective_on date,
  note text,
  reason text,
  status text default 'pending'::text not null,
  proposed_by uuid not null,
  proposed_country text not null,
  proposed_at timestamp with time zone not null,
  decided_by uuid,
  decided_at timestamp with time zone,
  decision_note text,
  constraint entry_requirement_proposal_check CHECK (nationality ~ '^[A-Z]{3}$'::text AND nationality <> destination),
  constraint entry_requirement_proposal_check1 CHECK (requirement = 'none'::text OR days_allowed IS NULL),
  constraint entry_requirement_proposal_check2 CHECK ((status = 'pending'::text) = (decided_at IS NULL)),
  constraint entry_requirement_proposal_days_allowed_check CHECK (days_allowed >= 1 AND days_allowed <= 3650),
  constraint entry_requirement_proposal_decided_by_fkey FOREIGN KEY (decided_by) REFERENCES app_user(id),
  constraint entry_requirement_proposal_decision_note_check CHECK (length(decision_note) >= 1 AND length(decision_note) <= 2000),
  constraint entry_requirement_proposal_destination_check CHECK (destination = ANY (ARRAY['BLZ'::text, 'CAN'::text, 'CRI'::text, 'DOM'::text, 'GTM'::text, 'HND'::text, 'MEX'::text, 'NIC'::text, 'PAN'::text, 'SLV'::text, 'USA'::text])),
  constraint entry_requirement_proposal_exceptions_en_check CHECK (length(exceptions_en) >= 1 AND length(exceptions_en) <= 2000),
  constraint entry_requirement_proposal_exceptions_es_check CHECK (length(exceptions_es) >= 1 AND length(exceptions_es) <= 2000),
  constraint entry_requirement_proposal_legal_source_check CHECK (length(legal_source) >= 1 AND length(legal_source) <= 500),
  constraint entry_requirement_proposal_note_check CHECK (length(note) >= 1 AND length(note) <= 2000),
  constraint entry_requirement_proposal_pkey PRIMARY KEY (id),
  constraint entry_requirement_proposal_proposed_by_fkey FOREIGN KEY (proposed_by) REFERENCES app_user(id),
  constraint entry_requirement_proposal_reason_check CHECK (length(reason) >= 1 AND length(reason) <= 2000),
  constraint entry_requirement_proposal_requirement_check CHECK (requirement = ANY (ARRAY['none'::text, 'visa'::text, 'electronic_authorisation'::text, 'visa_on_arrival'::text, 'transit_visa'::text, 'special_authorisation'::text, 'not_admitted'::text])),
  constraint entry_requirement_proposal_status_check CHECK (status = ANY (ARRAY['pending'::text, 'accepted'::text, 'rejected'::text]))
);

create table file_chunk (
  file_id uuid not null,
  index integer not null,
  blob_key text not null,
  constraint file_chunk_blob_key_check CHECK (blob_key ~ '^[0-9a-f]{2}/[0-9a-f]{32}$'::text),
  constraint file_chunk_blob_key_key UNIQUE (blob_key),
  constraint file_chunk_file_id_fkey FOREIGN KEY (file_id) REFERENCES stored_file(id) ON DELETE CASCADE,
  constraint file_chunk_index_check CHECK (index >= 0),
  constraint file_chunk_pkey PRIMARY KEY (file_id, index)
);

create table image_annotation (
  id uuid default gen_random_uuid() not null,
  seq bigint generated always as identity not null,
  item_id uuid not null,
  file_id uuid not null,
  details_id uuid not null,
  created_by uuid not null,
  creator_country text not null,
  created_at timestamp with time zone not null,
  constraint image_annotation_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint image_annotation_details_id_fkey FOREIGN KEY (details_id) REFERENCES sealed(id) ON DELETE CASCADE,
  constraint image_annotation_file_id_fkey FOREIGN KEY (file_id) REFERENCES item_attachment(file_id) ON DELETE CASCADE,
  constraint image_annotation_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint image_annotation_pkey PRIMARY KEY (id)
);

create table instance (
  id smallint default 1 not null,
  instance_id uuid default gen_random_uuid() not null,
  created_at timestamp with time zone default now() not null,
  constraint instance_id_check CHECK (id = 1),
  constraint instance_pkey PRIMARY KEY (id)
);

create table item (
  id uuid default gen_random_uuid() not null,
  kind text not null,
  space_id uuid not null,
  network_id uuid not null,
  originator_id uuid not null,
  originator_country text not null,
  originator_organisation_id uuid,
  status text default 'draft'::text not null,
  tlp text not null,
  releasable_to text[] default '{}'::text[] not null,
  releasability_restricted boolean generated always as ((cardinality(releasable_to) > 0)) stored,
  named_recipients uuid[] default '{}'::uuid[] not null,
  source_evaluation text,
  information_evaluation smallint,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  shredded_at timestamp with time zone,
  audience_organisations uuid[] default '{}'::uuid[] not null,
  returned_at timestamp with time zone,
  submitted_at timestamp with time zone,
  constraint item_check CHECK (tlp <> 'RED'::text OR cardinality(named_recipients) > 0),
  constraint item_information_evaluation_check CHECK (information_evaluation >= 1 AND information_evaluation <= 4),
  constraint item_kind_check CHECK (kind = ANY (ARRAY['specimen'::text, 'report'::text, 'alert'::text, 'person'::text, 'library'::text])),
  constraint item_network_id_fkey FOREIGN KEY (network_id) REFERENCES network(id),
  constraint item_originator_id_fkey FOREIGN KEY (originator_id) REFERENCES app_user(id),
  constraint item_originator_organisation_id_fkey FOREIGN KEY (originator_organisation_id) REFERENCES organisation(id),
  constraint item_person_tlp_check CHECK (kind <> 'person'::text OR (tlp = ANY (ARRAY['AMBER'::text, 'AMBER+STRICT'::text, 'RED'::text]))),
  constraint item_pkey PRIMARY KEY (id),
  constraint item_source_evaluation_check CHECK (source_evaluation = ANY (ARRAY['A'::text, 'B'::text, 'C'::text, 'X'::text])),
  constraint item_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id),
  constraint item_status_check CHECK (status = ANY (ARRAY['draft'::text, 'submitted'::text, 'published'::text, 'withdrawn'::text, 'expired'::text])),
  constraint item_tlp_check CHECK (tlp = ANY (ARRAY['CLEAR'::text, 'GREEN'::text, 'AMBER'::text, 'AMBER+STRICT'::text, 'RED'::text]))
);

create table item_attachment (
  file_id uuid not null,
  seq bigint generated always as identity not null,
  item_id uuid not null,
  details_id uuid not null,
  created_at timestamp with time zone not null,
  page text,
  light text,
  constraint item_attachment_details_id_fkey FOREIGN KEY (details_id) REFERENCES sealed(id) ON DELETE CASCADE,
  constraint item_attachment_file_id_fkey FOREIGN KEY (file_id) REFERENCES stored_file(id) ON DELETE CASCADE,
  constraint item_attachment_image_check CHECK (page IS NULL OR light IS NOT NULL),
  constraint item_attachment_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint item_attachment_light_check CHECK (light = ANY (ARRAY['visible'::text, 'uv'::text, 'uv_short'::text, 'ir'::text, 'oblique'::text, 'coaxial'::text, 'transmitted'::text])),
  constraint item_attachment_page_check CHECK (page = ANY (ARRAY['front'::text, 'back'::text, 'cover'::text, 'inside_cover'::text, 'data_page'::text, 'visa_page'::text, 'observations_page'::text, 'back_cover'::text, 'detail'::text, 'other'::text])),
  constraint item_attachment_pkey PRIMARY KEY (file_id)
);

create table library_document (
  item_id uuid not null,
  space_id uuid not null,
  doc_type text not null,
  country text,
  year integer,
  language text not null,
  is_link boolean default false not null,
  content_id uuid not null,
  tokens text[] default '{}'::text[] not null,
  constraint library_document_content_id_fkey FOREIGN KEY (content_id) REFERENCES sealed(id),
  constraint library_document_country_check CHECK (country ~ '^[A-Z]{3}$'::text),
  constraint library_document_doc_type_check CHECK (doc_type = ANY (ARRAY['legislation'::text, 'comparative_matrix'::text, 'manual'::text, 'guideline'::text, 'asylum_mechanism'::text, 'campaign'::text, 'training'::text, 'other'::text])),
  constraint library_document_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint library_document_language_check CHECK (language = ANY (ARRAY['es'::text, 'en'::text, 'fr'::text, 'pt'::text, 'other'::text])),
  constraint library_document_pkey PRIMARY KEY (item_id),
  constraint library_document_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id),
  constraint library_document_year_check CHECK (year >= 1900 AND year <= 2100)
);

create table library_version (
  file_id uuid not null,
  item_id uuid not null,
  seq integer not null,
  text_pages integer default 0 not null,
  tokens text[] default '{}'::text[] not null,
  created_by uuid not null,
  created_at timestamp with time zone not null,
  constraint library_version_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint library_version_file_id_fkey FOREIGN KEY (file_id) REFERENCES stored_file(id),
  constraint library_version_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint library_version_item_id_seq_key UNIQUE (item_id, seq),
  constraint library_version_pkey PRIMARY KEY (file_id),
  constraint library_version_seq_check CHECK (seq >= 1),
  constraint library_version_text_pages_check CHECK (text_pages >= 0)
);

create table login_throttle (
  key text not null,
  failures integer default 0 not null,
  last_failure_at timestamp with time zone not null,
  locked_until timestamp with time zone,
  constraint login_throttle_failures_check CHECK (failures >= 0),
  constraint login_throttle_pkey PRIMARY KEY (key)
);

create table master_key_check (
  id smallint default 1 not null,
  check_value bytea not null,
  created_at timestamp with time zone default now() not null,
  constraint master_key_check_check_value_check CHECK (length(check_value) = 32),
  constraint master_key_check_id_check CHECK (id = 1),
  constraint master_key_check_pkey PRIMARY KEY (id)
);

create table meeting (
  id uuid default gen_random_uuid() not null,
  network_id uuid,
  key_space_id uuid,
  kind text not null,
  title_es text not null,
  title_en text not null,
  starts_at timestamp with time zone not null,
  ends_at timestamp with time zone not null,
  place text,
  link text,
  languages text[] default '{}'::text[] not null,
  participants text[] default '{}'::text[] not null,
  topic text,
  agenda_id uuid,
  minutes_id uuid,
  created_by uuid not null,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  constraint meeting_agenda_id_fkey FOREIGN KEY (agenda_id) REFERENCES sealed(id),
  constraint meeting_check CHECK (ends_at >= starts_at),
  constraint meeting_check1 CHECK ((network_id IS NULL) = (key_space_id IS NULL)),
  constraint meeting_check2 CHECK (network_id IS NOT NULL OR agenda_id IS NULL AND minutes_id IS NULL),
  constraint meeting_check3 CHECK (topic IS NULL OR (kind = ANY (ARRAY['workshop'::text, 'training'::text]))),
  constraint meeting_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint meeting_key_space_id_fkey FOREIGN KEY (key_space_id) REFERENCES space(id),
  constraint meeting_kind_check CHECK (kind = ANY (ARRAY['grcm'::text, 'crm_plenary'::text, 'network_meeting'::text, 'workshop'::text, 'training'::text, 'joint_exercise'::text, 'crm_csm'::text])),
  constraint meeting_link_check CHECK (length(link) <= 500 AND link ~ '^https://'::text),
  constraint meeting_minutes_id_fkey FOREIGN KEY (minutes_id) REFERENCES sealed(id),
  constraint meeting_network_id_fkey FOREIGN KEY (network_id) REFERENCES network(id),
  constraint meeting_pkey PRIMARY KEY (id),
  constraint meeting_place_check CHECK (length(place) <= 300),
  constraint meeting_title_en_check CHECK (length(title_en) >= 1 AND length(title_en) <= 300),
  constraint meeting_title_es_check CHECK (length(title_es) >= 1 AND length(title_es) <= 300),
  constraint meeting_topic_check CHECK (topic = ANY (ARRAY['document_fraud'::text, 'victim_identification'::text, 'asylum_refuge'::text, 'other'::text]))
);

create table meeting_agreement (
  id uuid default gen_random_uuid() not null,
  meeting_id uuid not null,
  content_id uuid not null,
  responsibles text[] not null,
  due_on date not null,
  commitment_id uuid,
  created_by uuid not null,
  created_at timestamp with time zone not null,
  constraint meeting_agreement_commitment_id_fkey FOREIGN KEY (commitment_id) REFERENCES commitment(id),
  constraint meeting_agreement_content_id_fkey FOREIGN KEY (content_id) REFERENCES sealed(id),
  constraint meeting_agreement_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint meeting_agreement_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meeting(id),
  constraint meeting_agreement_pkey PRIMARY KEY (id),
  constraint meeting_agreement_responsibles_check CHECK (cardinality(responsibles) >= 1)
);

create table meeting_document (
  file_id uuid not null,
  seq bigint generated always as identity not null,
  meeting_id uuid not null,
  kind text not null,
  details_id uuid not null,
  created_by uuid not null,
  created_at timestamp with time zone not null,
  constraint meeting_document_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint meeting_document_details_id_fkey FOREIGN KEY (details_id) REFERENCES sealed(id),
  constraint meeting_document_file_id_fkey FOREIGN KEY (file_id) REFERENCES stored_file(id),
  constraint meeting_document_kind_check CHECK (kind = ANY (ARRAY['agenda'::text, 'presentation'::text, 'minutes'::text, 'report'::text, 'participants'::text, 'other'::text])),
  constraint meeting_document_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meeting(id),
  constraint meeting_document_pkey PRIMARY KEY (file_id)
);

create table meeting_reminder (
  meeting_id uuid not null,
  threshold text not null,
  starts_at timestamp with time zone not null,
  sent_at timestamp with time zone not null,
  constraint meeting_reminder_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meeting(id),
  constraint meeting_reminder_pkey PRIMARY KEY (meeting_id, threshold, starts_at),
  constraint meeting_reminder_threshold_check CHECK (threshold = ANY (ARRAY['week'::text, 'day'::text]))
);

create table meeting_training (
  meeting_id uuid not null,
  country text not null,
  officials integer not null,
  constraint meeting_training_country_check CHECK (country ~ '^[A-Z]{3}$'::text),
  constraint meeting_training_meeting_id_fkey FOREIGN KEY (meeting_id) REFERENCES meeting(id),
  constraint meeting_training_officials_check CHECK (officials >= 0),
  constraint meeting_training_pkey PRIMARY KEY (meeting_id, country)
);

create table membership (
  space_id uuid not null,
  user_id uuid not null,
  network_id uuid not null,
  country text not null,
  role text not null,
  created_by uuid,
  created_at timestamp with time zone not null,
  constraint membership_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint membership_network_id_country_role_user_id_excl EXCLUDE USING gist (network_id WITH =, country WITH =, role WITH =, user_id WITH <>) WHERE (role = ANY (ARRAY['contact_point'::text, 'substitute'::text])),
  constraint membership_network_id_fkey FOREIGN KEY (network_id) REFERENCES network(id),
  constraint membership_pkey PRIMARY KEY (space_id, user_id),
  constraint membership_role_check CHECK (role = ANY (ARRAY['officer'::text, 'contact_point'::text, 'substitute'::text, 'observer'::text])),
  constraint membership_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id) ON DELETE CASCADE,
  constraint membership_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE
);

create table membership_change (
  id bigint generated always as identity not null,
  space_id uuid not null,
  user_id uuid not null,
  change text not null,
  role text,
  previous_role text,
  changed_by uuid,
  changed_at timestamp with time zone not null,
  constraint membership_change_change_check CHECK (change = ANY (ARRAY['added'::text, 'role_changed'::text, 'removed'::text])),
  constraint membership_change_changed_by_fkey FOREIGN KEY (changed_by) REFERENCES app_user(id),
  constraint membership_change_pkey PRIMARY KEY (id),
  constraint membership_change_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id) ON DELETE CASCADE,
  constraint membership_change_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE
);

create table network (
  id uuid default gen_random_uuid() not null,
  code text not null,
  name_es text not null,
  name_en text not null,
  created_at timestamp with time zone default now() not null,
  constraint network_code_check CHECK (code ~ '^[a-z0-9-]{2,40}$'::text),
  constraint network_code_key UNIQUE (code),
  constraint network_name_en_check CHECK (length(name_en) >= 1 AND length(name_en) <= 300),
  constraint network_name_es_check CHECK (length(name_es) >= 1 AND length(name_es) <= 300),
  constraint network_pkey PRIMARY KEY (id)
);

create table notification (
  id uuid default gen_random_uuid() not null,
  user_id uuid not null,
  kind text not null,
  item_id uuid,
  source_id uuid,
  label text,
  mail text default 'none'::text not null,
  created_at timestamp with time zone not null,
  read_at timestamp with time zone,
  subject_id uuid,
  obligation text,
  space_id uuid,
  due_on date,
  destination text,
  nationality text,
  constraint notification_about_check CHECK (
CASE
    WHEN kind = ANY (ARRAY['deadline_due'::text, 'deadline_late'::text]) THEN item_id IS NULL AND obligation IS NOT NULL AND subject_id IS NOT NULL AND due_on IS NOT NULL
    WHEN kind = 'entry_requirement_changed'::text THEN item_id IS NULL AND obligation IS NULL AND due_on IS NULL
    WHEN kind = 'directory_unconfirmed'::text THEN item_id IS NULL AND obligation IS NULL AND subject_id IS NOT NULL AND due_on IS NULL
    WHEN kind = 'meeting_reminder'::text THEN item_id IS NULL AND obligation IS NULL AND subject_id IS NOT NULL AND due_on IS NOT NULL
    ELSE item_id IS NOT NULL AND obligation IS NULL AND due_on IS NULL
END),
  constraint notification_destination_check CHECK (destination ~ '^[A-Z]{3}$'::text),
  constraint notification_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint notification_kind_check CHECK (kind = ANY (ARRAY['saved_search'::text, 'validation_waiting'::text, 'returned_to_draft'::text, 'correction_proposed'::text, 'correction_decided'::text, 'sighting'::text, 'deadline_due'::text, 'deadline_late'::text, 'entry_requirement_changed'::text, 'directory_unconfirmed'::text, 'meeting_reminder'::text])),
  constraint notification_mail_check CHECK (mail = ANY (ARRAY['none'::text, 'pending'::text, 'digest'::text, 'sent'::text, 'failed'::text])),
  constraint notification_nationality_check CHECK (nationality ~ '^[A-Z]{3}$'::text),
  constraint notification_obligation_check CHECK (obligation = ANY (ARRAY['loading'::text, 'return'::text])),
  constraint notification_pkey PRIMARY KEY (id),
  constraint notification_source_id_fkey FOREIGN KEY (source_id) REFERENCES saved_search(id) ON DELETE SET NULL,
  constraint notification_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id),
  constraint notification_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id),
  constraint notification_user_id_kind_item_id_source_id_key UNIQUE (user_id, kind, item_id, source_id)
);

create table notification_digest (
  user_id uuid not null,
  last_at timestamp with time zone not null,
  constraint notification_digest_pkey PRIMARY KEY (user_id),
  constraint notification_digest_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id)
);

create table notification_preference (
  user_id uuid not null,
  kind text not null,
  delivery text not null,
  constraint notification_preference_delivery_check CHECK (delivery = ANY (ARRAY['immediate'::text, 'digest'::text, 'off'::text])),
  constraint notification_preference_kind_check CHECK (kind = ANY (ARRAY['saved_search'::text, 'validation_waiting'::text, 'returned_to_draft'::text, 'correction_proposed'::text, 'correction_decided'::text, 'sighting'::text, 'deadline_due'::text, 'deadline_late'::text, 'entry_requirement_changed'::text, 'directory_unconfirmed'::text, 'meeting_reminder'::text])),
  constraint notification_preference_pkey PRIMARY KEY (user_id, kind),
  constraint notification_preference_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id)
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

create table organisation (
  id uuid default gen_random_uuid() not null,
  code text not null,
  country text not null,
  kind text not null,
  name_es text not null,
  name_en text not null,
  created_at timestamp with time zone default now() not null,
  deactivated_at timestamp with time zone,
  deactivated_by uuid,
  updated_at timestamp with time zone,
  constraint organisation_code_check CHECK (code ~ '^[A-Z0-9-]{2,40}$'::text),
  constraint organisation_code_key UNIQUE (code),
  constraint organisation_country_check CHECK (country ~ '^[A-Z]{2,5}$'::text),
  constraint organisation_deactivated_by_fkey FOREIGN KEY (deactivated_by) REFERENCES app_user(id),
  constraint organisation_deactivated_check CHECK ((deactivated_at IS NULL) = (deactivated_by IS NULL)),
  constraint organisation_kind_check CHECK (kind = ANY (ARRAY['member_authority'::text, 'observer'::text, 'partner'::text, 'migration_authority'::text, 'secretariat'::text])),
  constraint organisation_name_en_check CHECK (length(name_en) >= 1 AND length(name_en) <= 300),
  constraint organisation_name_es_check CHECK (length(name_es) >= 1 AND length(name_es) <= 300),
  constraint organisation_pkey PRIMARY KEY (id)
);

create table person (
  item_id uuid not null,
  space_id uuid not null,
  form text not null,
  role text,
  outcome text,
  detection_country text not null,
  detection_year integer not null,
  content_id uuid,
  record_key bytea,
  name_keys bytea[] default '{}'::bytea[] not null,
  retain_until date not null,
  published_at timestamp with time zone,
  constraint person_check CHECK ((content_id IS NULL) = (record_key IS NULL)),
  constraint person_content_id_fkey FOREIGN KEY (content_id) REFERENCES sealed(id),
  constraint person_detection_country_check CHECK (detection_country ~ '^[A-Z]{3}$'::text),
  constraint person_detection_year_check CHECK (detection_year >= 1900 AND detection_year <= 2200),
  constraint person_form_check CHECK (form = ANY (ARRAY['person'::text, 'minors'::text])),
  constraint person_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint person_outcome_check CHECK (outcome = ANY (ARRAY['refused_entry'::text, 'detained'::text, 'referred'::text, 'returned'::text, 'released'::text, 'none'::text])),
  constraint person_pkey PRIMARY KEY (item_id),
  constraint person_role_check CHECK (role = ANY (ARRAY['traveller'::text, 'smuggler'::text, 'facilitator'::text, 'corrupted_official'::text])),
  constraint person_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id)
);

create table person_link (
  person_id uuid not null,
  item_id uuid not null,
  constraint person_link_check CHECK (person_id <> item_id),
  constraint person_link_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint person_link_person_id_fkey FOREIGN KEY (person_id) REFERENCES item(id),
  constraint person_link_pkey PRIMARY KEY (person_id, item_id)
);

create table person_retention (
  id uuid default gen_random_uuid() not null,
  person_id uuid not null,
  previous_until date not null,
  retain_until date not null,
  reason_id uuid,
  extended_by uuid not null,
  extended_at timestamp with time zone not null,
  constraint person_retention_check CHECK (retain_until > previous_until),
  constraint person_retention_extended_by_fkey FOREIGN KEY (extended_by) REFERENCES app_user(id),
  constraint person_retention_person_id_fkey FOREIGN KEY (person_id) REFERENCES item(id),
  constraint person_retention_pkey PRIMARY KEY (id),
  constraint person_retention_reason_id_fkey FOREIGN KEY (reason_id) REFERENCES sealed(id) ON DELETE SET NULL
);

create table portal_key (
  fingerprint text not null,
  public_key text not null,
  private_key text not null,
  created_at timestamp with time zone not null,
  retired_at timestamp with time zone,
  constraint portal_key_pkey PRIMARY KEY (fingerprint)
);

create table recovery_code (
  user_id uuid not null,
  code_hash bytea not null,
  used_at timestamp with time zone,
  constraint recovery_code_pkey PRIMARY KEY (user_id, code_hash),
  constraint recovery_code_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id) ON DELETE CASCADE
);

create table report (
  item_id uuid not null,
  space_id uuid not null,
  kind text not null,
  category text,
  countries text[] default '{}'::text[] not null,
  modes text[] default '{}'::text[] not null,
  period_from date,
  period_until date,
  content_id uuid not null,
  tokens text[] default '{}'::text[] not null,
  facets text[] default '{}'::text[] not null,
  aliases bytea[] default '{}'::bytea[] not null,
  migrants_assisted integer,
  smugglers_detained integer,
  documents_seized integer,
  victims_referred integer,
  published_at timestamp with time zone,
  constraint report_category_check CHECK (category ~ '^[a-z_]{2,40}$'::text),
  constraint report_check CHECK (period_until IS NULL OR period_from IS NULL OR period_until >= period_from),
  constraint report_content_id_fkey FOREIGN KEY (content_id) REFERENCES sealed(id),
  constraint report_documents_seized_check CHECK (documents_seized >= 0),
  constraint report_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint report_kind_check CHECK (kind = ANY (ARRAY['route'::text, 'modus_operandi'::text, 'acquisition_method'::text, 'network'::text, 'operation'::text])),
  constraint report_migrants_assisted_check CHECK (migrants_assisted >= 0),
  constraint report_pkey PRIMARY KEY (item_id),
  constraint report_smugglers_detained_check CHECK (smugglers_detained >= 0),
  constraint report_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id),
  constraint report_victims_referred_check CHECK (victims_referred >= 0)
);

create table report_link (
  report_id uuid not null,
  item_id uuid not null,
  constraint report_link_check CHECK (report_id <> item_id),
  constraint report_link_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint report_link_pkey PRIMARY KEY (report_id, item_id),
  constraint report_link_report_id_fkey FOREIGN KEY (report_id) REFERENCES item(id)
);

create table report_outcome (
  id uuid default gen_random_uuid() not null,
  report_id uuid not null,
  stage text not null,
  decided_on date not null,
  details_id uuid not null,
  added_by uuid not null,
  created_at timestamp with time zone not null,
  constraint report_outcome_added_by_fkey FOREIGN KEY (added_by) REFERENCES app_user(id),
  constraint report_outcome_details_id_fkey FOREIGN KEY (details_id) REFERENCES sealed(id),
  constraint report_outcome_pkey PRIMARY KEY (id),
  constraint report_outcome_report_id_fkey FOREIGN KEY (report_id) REFERENCES item(id),
  constraint report_outcome_stage_check CHECK (stage = ANY (ARRAY['investigation'::text, 'charges'::text, 'trial'::text, 'conviction'::text, 'acquittal'::text, 'other'::text]))
);

create table return_cell (
  version_id uuid not null,
  row_no integer not null,
  dim1 text not null,
  dim2 text,
  column_key text not null,
  value integer not null,
  constraint return_cell_pkey PRIMARY KEY (version_id, row_no, column_key),
  constraint return_cell_row_no_check CHECK (row_no >= 0),
  constraint return_cell_value_check CHECK (value >= 0),
  constraint return_cell_version_id_fkey FOREIGN KEY (version_id) REFERENCES return_version(id) ON DELETE CASCADE
);

create table return_section (
  version_id uuid not null,
  key text not null,
  body text not null,
  constraint return_section_pkey PRIMARY KEY (version_id, key),
  constraint return_section_version_id_fkey FOREIGN KEY (version_id) REFERENCES return_version(id) ON DELETE CASCADE
);

create table return_template (
  id uuid default gen_random_uuid() not null,
  network_id uuid not null,
  kind text not null,
  title_es text not null,
  title_en text not null,
  period_kind text not null,
  due_days integer not null,
  due_on date,
  countries text[] not null,
  observers_contribute boolean default false not null,
  definition jsonb not null,
  created_by uuid not null,
  created_at timestamp with time zone not null,
  archived_at timestamp with time zone,
  updated_at timestamp with time zone,
  constraint return_template_check CHECK ((period_kind = 'once'::text) = (due_on IS NOT NULL)),
  constraint return_template_countries_check CHECK (cardinality(countries) > 0),
  constraint return_template_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint return_template_due_days_check CHECK (due_days >= 0 AND due_days <= 366),
  constraint return_template_kind_check CHECK (kind = ANY (ARRAY['matrix'::text, 'written'::text])),
  constraint return_template_network_id_fkey FOREIGN KEY (network_id) REFERENCES network(id),
  constraint return_template_period_kind_check CHECK (period_kind = ANY (ARRAY['semester'::text, 'quarter'::text, 'year'::text, 'once'::text])),
  constraint return_template_pkey PRIMARY KEY (id)
);

create table return_version (
  id uuid default gen_random_uuid() not null,
  return_id uuid not null,
  version integer not null,
  reason text,
  source text not null,
  created_by uuid not null,
  created_at timestamp with time zone not null,
  updated_by uuid not null,
  updated_at timestamp with time zone not null,
  submitted_by uuid,
  submitted_at timestamp with time zone,
  constraint return_version_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint return_version_pkey PRIMARY KEY (id),
  constraint return_version_return_id_fkey FOREIGN KEY (return_id) REFERENCES country_return(id),
  constraint return_version_return_id_version_key UNIQUE (return_id, version),
  constraint return_version_source_check CHECK (source = ANY (ARRAY['form'::text, 'xlsx'::text, 'csv'::text])),
  constraint return_version_submitted_by_fkey FOREIGN KEY (submitted_by) REFERENCES app_user(id),
  constraint return_version_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES app_user(id),
  constraint return_version_version_check CHECK (version > 0)
);

create table saved_search (
  id uuid default gen_random_uuid() not null,
  user_id uuid not null,
  kind text not null,
  space_id uuid,
  definition text not null,
  mail boolean default false not null,
  created_at timestamp with time zone not null,
  constraint saved_search_kind_check CHECK (kind = 'specimen'::text),
  constraint saved_search_pkey PRIMARY KEY (id),
  constraint saved_search_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id),
  constraint saved_search_user_id_fkey FOREIGN KEY (user_id) REFERENCES app_user(id)
);

create table sealed (
  id uuid default gen_random_uuid() not null,
  space_id uuid not null,
  item_id uuid,
  key_version integer not null,
  message bytea not null,
  wrapped_key bytea not null,
  created_at timestamp with time zone not null,
  constraint sealed_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint sealed_message_check CHECK (length(message) > 0),
  constraint sealed_pkey PRIMARY KEY (id),
  constraint sealed_space_id_key_version_fkey FOREIGN KEY (space_id, key_version) REFERENCES space_key(space_id, version),
  constraint sealed_wrapped_key_check CHECK (length(wrapped_key) = 60)
);

create table sighting (
  id uuid default gen_random_uuid() not null,
  item_id uuid not null,
  kind text not null,
  seen_on date not null,
  country text not null,
  details_id uuid not null,
  reported_by uuid not null,
  reporter_country text not null,
  created_at timestamp with time zone not null,
  constraint sighting_country_check CHECK (country ~ '^[A-Z]{2,5}$'::text),
  constraint sighting_details_id_fkey FOREIGN KEY (details_id) REFERENCES sealed(id),
  constraint sighting_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint sighting_kind_check CHECK (kind = ANY (ARRAY['sighting'::text, 'false_positive'::text])),
  constraint sighting_pkey PRIMARY KEY (id),
  constraint sighting_reported_by_fkey FOREIGN KEY (reported_by) REFERENCES app_user(id)
);

create table space (
  id uuid default gen_random_uuid() not null,
  network_id uuid not null,
  name_es text not null,
  name_en text not null,
  description_es text default ''::text not null,
  description_en text default ''::text not null,
  opens_on date not null,
  loading_deadline date not null,
  created_by uuid,
  created_at timestamp with time zone not null,
  updated_at timestamp with time zone not null,
  constraint space_check CHECK (loading_deadline >= opens_on),
  constraint space_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint space_description_en_check CHECK (length(description_en) <= 5000),
  constraint space_description_es_check CHECK (length(description_es) <= 5000),
  constraint space_name_en_check CHECK (length(name_en) >= 1 AND length(name_en) <= 300),
  constraint space_name_es_check CHECK (length(name_es) >= 1 AND length(name_es) <= 300),
  constraint space_network_id_fkey FOREIGN KEY (network_id) REFERENCES network(id),
  constraint space_pkey PRIMARY KEY (id)
);

create table space_key (
  space_id uuid not null,
  version integer not null,
  fingerprint text not null,
  public_key text not null,
  private_key text,
  created_at timestamp with time zone not null,
  retired_at timestamp with time zone,
  data_key text,
  destroyed_at timestamp with time zone,
  constraint space_key_destroyed_check CHECK ((destroyed_at IS NULL) = (private_key IS NOT NULL) AND (destroyed_at IS NULL OR data_key IS NULL)),
  constraint space_key_fingerprint_check CHECK (fingerprint ~ '^[0-9A-F]{40}$'::text),
  constraint space_key_fingerprint_key UNIQUE (fingerprint),
  constraint space_key_pkey PRIMARY KEY (space_id, version),
  constraint space_key_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id) ON DELETE CASCADE,
  constraint space_key_version_check CHECK (version >= 1)
);

create table specimen (
  item_id uuid not null,
  space_id uuid not null,
  document_type text not null,
  issuing_country text not null,
  category text not null,
  forgery_kind text,
  issued_from smallint,
  issued_to smallint,
  features text[] default '{}'::text[] not null,
  detected_on date,
  detection_country text,
  content_id uuid not null,
  number_index bytea,
  series_index bytea,
  name_index bytea[] default '{}'::bytea[] not null,
  tokens text[] default '{}'::text[] not null,
  nationality_index bytea,
  indexed_version smallint default 0 not null,
  constraint specimen_category_check CHECK (category = ANY (ARRAY['genuine_reference'::text, 'counterfeit'::text, 'forgery'::text, 'fraudulently_obtained'::text, 'pseudo'::text, 'impostor'::text, 'stolen_blank'::text, 'lost'::text, 'stolen'::text, 'revoked'::text])),
  constraint specimen_check CHECK ((category = 'forgery'::text) = (forgery_kind IS NOT NULL)),
  constraint specimen_check1 CHECK (issued_from IS NULL OR issued_to IS NULL OR issued_from <= issued_to),
  constraint specimen_content_id_fkey FOREIGN KEY (content_id) REFERENCES sealed(id),
  constraint specimen_detection_country_check CHECK (detection_country ~ '^[A-Z]{2,5}$'::text),
  constraint specimen_document_type_check CHECK (document_type = ANY (ARRAY['passport'::text, 'identity_card'::text, 'visa'::text, 'residence_permit'::text, 'refugee_travel_document'::text, 'entry_exit_stamp'::text, 'birth_certificate'::text, 'other'::text])),
  constraint specimen_features_check CHECK (features <@ ARRAY['watermark'::text, 'security_fibres'::text, 'planchettes'::text, 'uv_dull_paper'::text, 'intaglio'::text, 'guilloche'::text, 'rainbow_printing'::text, 'microtext'::text, 'latent_image'::text, 'laser_engraving'::text, 'inkjet'::text, 'thermal_transfer'::text, 'hologram'::text, 'kinegram'::text, 'optically_variable_ink'::text, 'laminate'::text, 'laser_perforation'::text, 'mrz'::text, 'chip'::text, 'binding'::text]),
  constraint specimen_forgery_kind_check CHECK (forgery_kind = ANY (ARRAY['photo_substitution'::text, 'page_substitution'::text, 'data_alteration'::text, 'erasure'::text])),
  constraint specimen_issued_from_check CHECK (issued_from >= 1900 AND issued_from <= 2100),
  constraint specimen_issued_to_check CHECK (issued_to >= 1900 AND issued_to <= 2100),
  constraint specimen_issuing_country_check CHECK (issuing_country ~ '^[A-Z]{3}$'::text),
  constraint specimen_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint specimen_pkey PRIMARY KEY (item_id),
  constraint specimen_space_id_fkey FOREIGN KEY (space_id) REFERENCES space(id)
);

create table stored_file (
  id uuid default gen_random_uuid() not null,
  space_id uuid not null,
  item_id uuid,
  variant text not null,
  original_id uuid,
  media_type text not null,
  byte_size bigint not null,
  chunk_count integer not null,
  key_version integer not null,
  wrapped_key bytea not null,
  created_by uuid,
  created_at timestamp with time zone not null,
  constraint stored_file_byte_size_check CHECK (byte_size > 0),
  constraint stored_file_check CHECK ((variant = 'thumbnail'::text) = (original_id IS NOT NULL)),
  constraint stored_file_chunk_count_check CHECK (chunk_count > 0),
  constraint stored_file_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint stored_file_item_id_fkey FOREIGN KEY (item_id) REFERENCES item(id),
  constraint stored_file_media_type_check CHECK (media_type ~ '^[a-z]+/[a-z0-9.+-]+$'::text),
  constraint stored_file_original_id_fkey FOREIGN KEY (original_id) REFERENCES stored_file(id) ON DELETE CASCADE,
  constraint stored_file_pkey PRIMARY KEY (id),
  constraint stored_file_space_id_key_version_fkey FOREIGN KEY (space_id, key_version) REFERENCES space_key(space_id, version),
  constraint stored_file_variant_check CHECK (variant = ANY (ARRAY['original'::text, 'thumbnail'::text])),
  constraint stored_file_wrapped_key_check CHECK (length(wrapped_key) = 60)
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

create table webhook (
  id uuid default gen_random_uuid() not null,
  organisation_id uuid not null,
  url text not null,
  created_by uuid,
  created_at timestamp with time zone not null,
  disabled_at timestamp with time zone,
  constraint webhook_created_by_fkey FOREIGN KEY (created_by) REFERENCES app_user(id),
  constraint webhook_organisation_id_fkey FOREIGN KEY (organisation_id) REFERENCES organisation(id),
  constraint webhook_pkey PRIMARY KEY (id),
  constraint webhook_url_check CHECK (url ~ '^https?://[^\s]+$'::text AND length(url) <= 500)
);

create table webhook_delivery (
  alert_id uuid not null,
  webhook_id uuid not null,
  status text default 'pending'::text not null,
  attempts integer default 0 not null,
  last_status integer,
  delivered_at timestamp with time zone,
  constraint webhook_delivery_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES item(id),
  constraint webhook_delivery_pkey PRIMARY KEY (alert_id, webhook_id),
  constraint webhook_delivery_status_check CHECK (status = ANY (ARRAY['pending'::text, 'delivered'::text, 'failed'::text])),
  constraint webhook_delivery_webhook_id_fkey FOREIGN KEY (webhook_id) REFERENCES webhook(id)
);

CREATE INDEX alert_link_item_idx ON public.alert_link USING btree (item_id);
CREATE INDEX alert_recipient_user_idx ON public.alert_recipient USING btree (user_id, delivered_at DESC);
CREATE INDEX alert_tokens_idx ON public.alert USING gin (tokens);
CREATE INDEX alert_valid_until_idx ON public.alert USING btree (valid_until);
CREATE INDEX audit_entry_action_idx ON public.audit_entry USING btree (action, seq);
CREATE INDEX audit_entry_actor_idx ON public.audit_entry USING btree (actor_id, at);
CREATE INDEX audit_entry_at_idx ON public.audit_entry USING btree (at);
CREATE INDEX audit_entry_outcome_idx ON public.audit_entry USING btree (outcome, at) WHERE (outcome <> 'allowed'::text);
CREATE INDEX audit_entry_space_idx ON public.audit_entry USING btree (space_id, at);
CREATE INDEX audit_entry_subject_idx ON public.audit_entry USING btree (subject_id);
CREATE INDEX commitment_evidence_update_idx ON public.commitment_evidence USING btree (update_id);
CREATE INDEX commitment_network_idx ON public.commitment USING btree (network_id, created_at DESC);
CREATE INDEX commitment_plan_idx ON public.commitment USING btree (network_id, plan);
CREATE INDEX commitment_responsible_status_idx ON public.commitment_responsible USING btree (network_id, responsible, status);
CREATE INDEX commitment_update_history_idx ON public.commitment_update USING btree (commitment_id, seq DESC);
CREATE INDEX correction_item_idx ON public.correction USING btree (item_id, created_at);
CREATE INDEX country_return_network_idx ON public.country_return USING btree (network_id, period, country);
CREATE INDEX entry_requirement_change_at_idx ON public.entry_requirement_change USING btree (changed_at, seq);
CREATE INDEX entry_requirement_change_cell_idx ON public.entry_requirement_change USING btree (destination, nationality, seq DESC);
CREATE INDEX entry_requirement_nationality_idx ON public.entry_requirement USING btree (nationality, requirement);
CREATE INDEX entry_requirement_proposal_destination_idx ON public.entry_requirement_proposal USING btree (destination, proposed_at DESC);
CREATE INDEX entry_requirement_proposal_status_idx ON public.entry_requirement_proposal USING btree (status, proposed_at DESC);
CREATE INDEX image_annotation_file_idx ON public.image_annotation USING btree (file_id, seq);
CREATE INDEX item_attachment_item_idx ON public.item_attachment USING btree (item_id, seq);
CREATE INDEX item_audience_idx ON public.item USING gin (audience_organisations);
CREATE INDEX item_kind_created_idx ON public.item USING btree (kind, created_at DESC);
CREATE INDEX item_named_recipients_idx ON public.item USING gin (named_recipients);
CREATE INDEX item_originator_idx ON public.item USING btree (originator_id);
CREATE INDEX item_space_status_idx ON public.item USING btree (space_id, status, tlp);
CREATE INDEX library_document_tokens_idx ON public.library_document USING gin (tokens);
CREATE INDEX library_document_type_idx ON public.library_document USING btree (doc_type, country, year);
CREATE INDEX meeting_agreement_meeting_idx ON public.meeting_agreement USING btree (meeting_id, created_at);
CREATE INDEX meeting_document_meeting_idx ON public.meeting_document USING btree (meeting_id, seq);
CREATE INDEX meeting_network_starts_idx ON public.meeting USING btree (network_id, starts_at);
CREATE INDEX meeting_starts_idx ON public.meeting USING btree (starts_at);
CREATE INDEX membership_user_idx ON public.membership USING btree (user_id);
CREATE INDEX notification_mail_pending_idx ON public.notification USING btree (created_at) WHERE (mail = 'pending'::text);
CREATE INDEX notification_user_idx ON public.notification USING btree (user_id, created_at DESC);
CREATE INDEX one_time_token_user_idx ON public.one_time_token USING btree (user_id, purpose) WHERE (used_at IS NULL);
CREATE INDEX person_link_item_idx ON public.person_link USING btree (item_id);
CREATE INDEX person_name_keys_idx ON public.person USING gin (name_keys);
CREATE INDEX person_retention_idx ON public.person USING btree (retain_until) WHERE (record_key IS NOT NULL);
CREATE INDEX person_retention_person_idx ON public.person_retention USING btree (person_id, extended_at);
CREATE INDEX person_space_idx ON public.person USING btree (space_id, detection_year);
CREATE INDEX report_aliases_idx ON public.report USING gin (aliases);
CREATE INDEX report_countries_idx ON public.report USING gin (countries);
CREATE INDEX report_facets_idx ON public.report USING gin (facets);
CREATE INDEX report_kind_idx ON public.report USING btree (kind, space_id);
CREATE INDEX report_link_item_idx ON public.report_link USING btree (item_id);
CREATE INDEX report_outcome_report_idx ON public.report_outcome USING btree (report_id, decided_on);
CREATE INDEX report_tokens_idx ON public.report USING gin (tokens);
CREATE INDEX return_template_network_idx ON public.return_template USING btree (network_id, created_at);
CREATE INDEX saved_search_kind_idx ON public.saved_search USING btree (kind, space_id);
CREATE INDEX saved_search_user_idx ON public.saved_search USING btree (user_id, created_at DESC);
CREATE INDEX sealed_item_idx ON public.sealed USING btree (item_id);
CREATE INDEX sealed_space_version_idx ON public.sealed USING btree (space_id, key_version);
CREATE INDEX sighting_item_idx ON public.sighting USING btree (item_id, seen_on DESC);
CREATE INDEX space_network_idx ON public.space USING btree (network_id);
CREATE INDEX specimen_facets_idx ON public.specimen USING btree (issuing_country, document_type, category);
CREATE INDEX specimen_features_idx ON public.specimen USING gin (features);
CREATE INDEX specimen_names_idx ON public.specimen USING gin (name_index);
CREATE INDEX specimen_nationality_idx ON public.specimen USING btree (nationality_index) WHERE (nationality_index IS NOT NULL);
CREATE INDEX specimen_number_idx ON public.specimen USING btree (number_index) WHERE (number_index IS NOT NULL);
CREATE INDEX specimen_reindex_idx ON public.specimen USING btree (item_id) WHERE (indexed_version < 1);
CREATE INDEX specimen_series_idx ON public.specimen USING btree (series_index) WHERE (series_index IS NOT NULL);
CREATE INDEX specimen_space_idx ON public.specimen USING btree (space_id);
CREATE INDEX specimen_tokens_idx ON public.specimen USING gin (tokens);
CREATE INDEX stored_file_item_idx ON public.stored_file USING btree (item_id);
CREATE INDEX stored_file_original_idx ON public.stored_file USING btree (original_id);
CREATE INDEX stored_file_space_version_idx ON public.stored_file USING btree (space_id, key_version);
CREATE INDEX user_session_user_idx ON public.user_session USING btree (user_id) WHERE (revoked_at IS NULL);
CREATE INDEX webhook_organisation_idx ON public.webhook USING btree (organisation_id) WHERE (disabled_at IS NULL);
CREATE UNIQUE INDEX audit_key_current ON public.audit_key USING btree ((true)) WHERE (retired_at IS NULL);
CREATE UNIQUE INDEX portal_key_current ON public.portal_key USING btree ((true)) WHERE (retired_at IS NULL);
CREATE UNIQUE INDEX stored_file_one_thumbnail ON public.stored_file USING btree (original_id) WHERE (variant = 'thumbnail'::text);

CREATE OR REPLACE FUNCTION public.audit_append(p_at timestamp with time zone, p_actor_id uuid, p_actor_country text, p_action text, p_outcome text, p_subject_type text, p_subject_id text, p_space_id uuid, p_request_id text, p_client_address text, p_user_agent text, p_purpose text, p_details jsonb, p_tail bytea)
 RETURNS TABLE(seq bigint, hash bytea)
 LANGUAGE plpgsql
AS $function$
    declare
      v_seq bigint;
      v_prev bytea;
      v_hash bytea;
    begin
      perform pg_advisory_xact_lock(1701735521);
      -- A new snapshot after the lock (volatile function, read committed): the true head.
      select e.seq, e.hash into v_seq, v_prev from audit_entry e order by e.seq desc limit 1;
      v_seq := coalesce(v_seq, 0) + 1;
      v_prev := coalesce(v_prev, decode(repeat('00', 32), 'hex'));
      v_hash := sha256(v_prev || convert_to('[1,' || v_seq::text || ',', 'UTF8') || p_tail);
      insert into audit_entry (seq, at, actor_id, actor_country, action, outcome, subject_type, subject_id,
                               space_id, request_id, client_address, user_agent, purpose, details, prev_hash, hash)
      values (v_seq, p_at, p_actor_id, p_actor_country, p_action, p_outcome, p_subject_type, p_subject_id,
              p_space_id, p_request_id, p_client_address, p_user_agent, p_purpose, p_details, v_prev, v_hash);
      return query select v_seq, v_hash;
    end $function$;

CREATE OR REPLACE FUNCTION public.audit_append_batch(p_entries jsonb)
 RETURNS TABLE(seq bigint, hash bytea)
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
    declare
      v_seq bigint;
      v_prev bytea;
      v_hash bytea;
      v_moved bigint[] := '{}';
      q audit_queue%rowtype;
      e jsonb;
    begin
      perform pg_advisory_xact_lock(1701735521);
      -- A new snapshot after the lock (volatile function, read committed): the true head, and every
      -- queued entry whose change committed before this batch began.
      select a.seq, a.hash into v_seq, v_prev from audit_entry a order by a.seq desc limit 1;
      v_seq := coalesce(v_seq, 0);
      v_prev := coalesce(v_prev, decode(repeat('00', 32), 'hex'));
      for q in select * from audit_queue order by id loop
        v_seq := v_seq + 1;
        v_hash := sha256(v_prev || convert_to('[1,' || v_seq::text || ',', 'UTF8') || q.tail);
        insert into audit_entry (seq, at, actor_id, actor_country, action, outcome, subject_type, subject_id,
                                 space_id, request_id, client_address, user_agent, purpose, details, prev_hash, hash)
        values (v_seq, q.at, q.actor_id, q.actor_country, q.action, q.outcome, q.subject_type, q.subject_id,
                q.space_id, q.request_id, q.client_address, q.user_agent, q.purpose, q.details, v_prev, v_hash);
        v_prev := v_hash;
        v_moved := v_moved || q.id;
      end loop;
      delete from audit_queue where id = any(v_moved);
      for e in select value from jsonb_array_elements(p_entries) loop
        v_seq := v_seq + 1;
        v_hash := sha256(v_prev || convert_to('[1,' || v_seq::text || ',', 'UTF8') || decode(e->>'tail', 'base64'));
        insert into audit_entry (seq, at, actor_id, actor_country, action, outcome, subject_type, subject_id,
                                 space_id, request_id, client_address, user_agent, purpose, details, prev_hash, hash)
        values (v_seq, (e->>'at')::timestamptz, (e->>'actor_id')::uuid, e->>'actor_country', e->>'action', e->>'outcome',
                e->>'subject_type', e->>'subject_id', (e->>'space_id')::uuid, e->>'request_id', e->>'client_address',
                e->>'user_agent', e->>'purpose', e->'details', v_prev, v_hash);
        seq := v_seq;
        hash := v_hash;
        return next;
        v_prev := v_hash;
      end loop;
    end $function$;

CREATE OR REPLACE FUNCTION public.audit_entry_append_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      raise exception 'audit_entry is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $function$;

CREATE OR REPLACE FUNCTION public.audit_queue_insert_only()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      raise exception 'audit_queue takes inserts only: % refused', tg_op using errcode = 'insufficient_privilege';
    end $function$;

CREATE OR REPLACE FUNCTION public.commitment_due(calendar text, due_on date, starts_on date, today date)
 RETURNS date
 LANGUAGE sql
 IMMUTABLE
AS $function$
      select case
        when calendar = 'once' then due_on
        when calendar in ('semiannual', 'annual') then (starts_on + make_interval(months =>
          (case calendar when 'semiannual' then 6 else 12 end) * (greatest(0, floor(
            (extract(year from age(today - 1, starts_on)) * 12 + extract(month from age(today - 1, starts_on)))
            / (case calendar when 'semiannual' then 6 else 12 end)))::int + 1)))::date
      end
    $function$;

CREATE OR REPLACE FUNCTION public.commitment_overdue(calendar text, due_on date, starts_on date, status text, status_at timestamp with time zone, today date)
 RETURNS boolean
 LANGUAGE sql
 IMMUTABLE
AS $function$
      select case
        when calendar = 'once' then coalesce(due_on < today and status <> 'done', false)
        when calendar in ('semiannual', 'annual') then
          today > (starts_on + make_interval(months => case calendar when 'semiannual' then 6 else 12 end))::date
          and not (status = 'done' and (status_at at time zone 'UTC')::date >
            (commitment_due(calendar, due_on, starts_on, today) - make_interval(months => 2 * case calendar when 'semiannual' then 6 else 12 end))::date)
        else false
      end
    $function$;

CREATE OR REPLACE FUNCTION public.commitment_update_applies()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      update commitment_responsible set status = new.status, status_at = new.created_at
        where commitment_id = new.commitment_id and responsible = new.responsible
          and (status_at is null or status_at <= new.created_at);
      return new;
    end $function$;

CREATE OR REPLACE FUNCTION public.commitment_update_kept()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      raise exception 'commitment updates are history: they are never changed or deleted';
    end $function$;

CREATE OR REPLACE FUNCTION public.directory_entry_for_member()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      if new.country in ('BLZ', 'CAN', 'CRI', 'DOM', 'GTM', 'HND', 'MEX', 'NIC', 'PAN', 'SLV', 'USA') then
        insert into directory_entry (network_id, country, created_at) values (new.network_id, new.country, new.created_at)
          on conflict (network_id, country) do nothing;
      end if;
      return new;
    end $function$;

CREATE OR REPLACE FUNCTION public.entry_requirement_change_kept()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      raise exception 'entry requirement changes are history: they are never changed or deleted';
    end $function$;

CREATE OR REPLACE FUNCTION public.sealed_key_alive()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
    begin
      if not exists (
        select 1 from space_key where space_id = new.space_id and version = new.key_version and destroyed_at is null
      ) then
        raise exception 'space key % of space % is destroyed', new.key_version, new.space_id using errcode = 'P0001';
      end if;
      return new;
    end $function$;

CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_checkpoint_no_update BEFORE DELETE OR UPDATE ON audit_checkpoint FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_update BEFORE DELETE OR UPDATE ON audit_entry FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_queue_no_truncate BEFORE TRUNCATE ON audit_queue FOR EACH STATEMENT EXECUTE FUNCTION audit_queue_insert_only();
CREATE TRIGGER audit_queue_no_update BEFORE UPDATE ON audit_queue FOR EACH ROW EXECUTE FUNCTION audit_queue_insert_only();
CREATE TRIGGER commitment_update_applies AFTER INSERT ON commitment_update FOR EACH ROW EXECUTE FUNCTION commitment_update_applies();
CREATE TRIGGER commitment_update_kept BEFORE DELETE OR UPDATE ON commitment_update FOR EACH ROW EXECUTE FUNCTION commitment_update_kept();
CREATE TRIGGER directory_entry_for_member AFTER INSERT ON membership FOR EACH ROW EXECUTE FUNCTION directory_entry_for_member();
CREATE TRIGGER entry_requirement_change_kept BEFORE DELETE OR UPDATE ON entry_requirement_change FOR EACH ROW EXECUTE FUNCTION entry_requirement_change_kept();
CREATE TRIGGER sealed_key_alive BEFORE INSERT OR UPDATE OF key_version ON sealed FOR EACH ROW EXECUTE FUNCTION sealed_key_alive();
CREATE TRIGGER stored_file_key_alive BEFORE INSERT OR UPDATE OF key_version ON stored_file FOR EACH ROW EXECUTE FUNCTION sealed_key_alive();
