-- Roles, row-level security and the append-only audit trail (docs/security.md).
-- kakine_app: every request runs as this role with app.tenant_id set; policies confine it to that tenant.
-- kakine_system: explicit system work (sign-in look-ups, jobs, CLI); sees every tenant; never used for a request's data.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kakine_app') THEN
    CREATE ROLE kakine_app NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'kakine_system') THEN
    CREATE ROLE kakine_system NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = current_user AND rolsuper) THEN
    EXECUTE format('GRANT kakine_app, kakine_system TO %I', current_user);
  END IF;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO kakine_app, kakine_system;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kakine_current_tenant() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
-- Enables and forces RLS with the two policies on every table of the public schema that has a tenant_id column.
-- Idempotent: every later migration that adds tenant-owned tables ends with SELECT kakine_apply_tenant_rls();
CREATE OR REPLACE FUNCTION kakine_apply_tenant_rls() RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  t record;
BEGIN
  FOR t IN
    SELECT c.relname
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.relname);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %I', t.relname);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I TO kakine_app USING (tenant_id = kakine_current_tenant()) '
      'WITH CHECK (tenant_id = kakine_current_tenant())', t.relname);
    EXECUTE format('DROP POLICY IF EXISTS system_access ON %I', t.relname);
    EXECUTE format('CREATE POLICY system_access ON %I TO kakine_system USING (true) WITH CHECK (true)', t.relname);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I TO kakine_app, kakine_system', t.relname);
  END LOOP;
  -- The audit trail is append-only for both roles; a trigger also rejects changes by anyone else.
  REVOKE UPDATE, DELETE, TRUNCATE ON audit_events FROM kakine_app, kakine_system;
END $$;
--> statement-breakpoint
SELECT kakine_apply_tenant_rls();
--> statement-breakpoint
-- Organisations are the tenants themselves: a tenant sees its own row.
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON organisations TO kakine_app
  USING (id = kakine_current_tenant()) WITH CHECK (id = kakine_current_tenant());
--> statement-breakpoint
CREATE POLICY system_access ON organisations TO kakine_system USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, UPDATE ON organisations TO kakine_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON organisations TO kakine_system;
--> statement-breakpoint
-- Shared reference catalogues: every tenant reads them; only system work (the publish job) writes them.
GRANT SELECT ON catalogue_versions, designated_technologies, countries, country_group_memberships,
  end_user_list_entries TO kakine_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON catalogue_versions, designated_technologies, countries,
  country_group_memberships, end_user_list_entries TO kakine_system;
--> statement-breakpoint
-- Sign-in throttling by address is not tenant data: only the system role touches it.
GRANT SELECT, INSERT, DELETE ON sign_in_failures TO kakine_system;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION kakine_audit_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION kakine_audit_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION kakine_audit_append_only();
