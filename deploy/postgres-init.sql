-- Runs once when the PostgreSQL container is first created (docker-entrypoint-initdb.d).
-- The portal connects as `enlace_app`, which owns nothing it could use to rewrite history:
-- the schema is migrated by `enlace_owner`, and the audit migrations (0007, 0008) revoke
-- UPDATE, DELETE and TRUNCATE on `audit_entry` and `audit_checkpoint` from the application role
-- (it keeps SELECT and INSERT, and EXECUTE on `audit_append`), on top of triggers that refuse them
-- for every role. Check with:  \dp audit_entry
CREATE ROLE enlace_owner LOGIN PASSWORD 'change-me-owner';
CREATE ROLE enlace_app LOGIN PASSWORD 'change-me-app';
CREATE DATABASE enlace OWNER enlace_owner;
\connect enlace
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO enlace_app;
ALTER DEFAULT PRIVILEGES FOR ROLE enlace_owner IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO enlace_app;
ALTER DEFAULT PRIVILEGES FOR ROLE enlace_owner IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO enlace_app;
