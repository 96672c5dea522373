-- Generated from the migrated database by `npm run schema:update`. Do not edit.

create extension if not exists citext;

create table instance (
  id smallint default 1 not null,
  instance_id uuid default gen_random_uuid() not null,
  created_at timestamp with time zone default now() not null,
  constraint instance_id_check CHECK (id = 1),
  constraint instance_pkey PRIMARY KEY (id)
);
