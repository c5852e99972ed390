CREATE TABLE "technology_search" (
	"technology_id" uuid PRIMARY KEY NOT NULL,
	"owner_tenant_id" uuid NOT NULL,
	"search_text" text NOT NULL,
	"name_text" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "technologies_search_trgm_idx";--> statement-breakpoint
DROP INDEX "technologies_next_review_idx";--> statement-breakpoint
ALTER TABLE "technologies" ADD COLUMN "name_search_text" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "technology_search" ADD CONSTRAINT "technology_search_technology_id_technologies_id_fk" FOREIGN KEY ("technology_id") REFERENCES "public"."technologies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "technology_search_tenant_idx" ON "technology_search" USING btree ("owner_tenant_id");--> statement-breakpoint
CREATE INDEX "technology_search_text_trgm_idx" ON "technology_search" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "technology_search_name_trgm_idx" ON "technology_search" USING gin ("name_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "technologies_name_ja_idx" ON "technologies" USING btree ("tenant_id","name_ja","code");--> statement-breakpoint
CREATE INDEX "technologies_updated_at_idx" ON "technologies" USING btree ("tenant_id","updated_at");--> statement-breakpoint
CREATE INDEX "technologies_bus_factor_idx" ON "technologies" USING btree ("tenant_id","bus_factor","code");--> statement-breakpoint
CREATE INDEX "technologies_match_count_idx" ON "technologies" USING btree ("tenant_id","status","id","owner_user_id","classification_code");--> statement-breakpoint
CREATE INDEX "technologies_next_review_idx" ON "technologies" USING btree ("tenant_id","next_review_on","code");--> statement-breakpoint
-- Register search under row-level security (docs/decisions/0008). ILIKE/LIKE are not leakproof, so under the RLS
-- policy of technologies PostgreSQL may not use a trigram index for them and scans every row of the tenant. The
-- search texts are therefore copied into technology_search, which deliberately has NO row-level security (its tenant
-- column is named owner_tenant_id so that kakine_apply_tenant_rls() does not catch it) and NO privilege for anyone
-- but its owner. The application reaches it only through kakine_technology_search(), a security-definer function
-- that returns the ids of the current tenant's matches; the list then reads those ids from technologies, where RLS
-- applies as before.
REVOKE ALL ON technology_search FROM PUBLIC, kakine_app, kakine_system;
--> statement-breakpoint
-- Backfill. RLS on technologies is forced, so its owner (the migration role) reads rows only as a superuser or through
-- a policy — today that of kakine_system, of which migration 0001 makes it a member. Lifting the forcing for these two
-- statements (inside this migration's transaction) makes the backfill independent of that; without a policy it would
-- silently copy nothing. The name text of existing rows is computed here the way
-- technologyNameSearchText() does it (NFKC, lowercase, code and names one per line); every later write stores the
-- application's own value.
ALTER TABLE technologies NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
UPDATE technologies
SET name_search_text = lower(normalize(concat_ws(E'\n', nullif(code, ''), nullif(name_ja, ''), nullif(name_en, '')), NFKC));
--> statement-breakpoint
INSERT INTO technology_search (technology_id, owner_tenant_id, search_text, name_text)
SELECT id, tenant_id, search_text, name_search_text FROM technologies;
--> statement-breakpoint
ALTER TABLE technologies FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- New technologies: one statement per insert statement (an import inserts hundreds of rows at a time).
CREATE OR REPLACE FUNCTION kakine_technology_search_inserted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO technology_search (technology_id, owner_tenant_id, search_text, name_text)
  SELECT id, tenant_id, search_text, name_search_text FROM inserted_technologies;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER technology_search_on_insert AFTER INSERT ON technologies
  REFERENCING NEW TABLE AS inserted_technologies
  FOR EACH STATEMENT EXECUTE FUNCTION kakine_technology_search_inserted();
--> statement-breakpoint
-- Changed texts (or tenant): only rows whose texts really changed fire it, so most updates cost nothing here.
-- Deleted technologies take their row with them (ON DELETE CASCADE).
CREATE OR REPLACE FUNCTION kakine_technology_search_updated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  INSERT INTO technology_search (technology_id, owner_tenant_id, search_text, name_text)
  VALUES (NEW.id, NEW.tenant_id, NEW.search_text, NEW.name_search_text)
  ON CONFLICT (technology_id) DO UPDATE SET owner_tenant_id = excluded.owner_tenant_id,
    search_text = excluded.search_text, name_text = excluded.name_text;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER technology_search_on_update AFTER UPDATE OF tenant_id, search_text, name_search_text ON technologies
  FOR EACH ROW
  WHEN (OLD.tenant_id IS DISTINCT FROM NEW.tenant_id OR OLD.search_text IS DISTINCT FROM NEW.search_text
    OR OLD.name_search_text IS DISTINCT FROM NEW.name_search_text)
  EXECUTE FUNCTION kakine_technology_search_updated();
--> statement-breakpoint
-- The ids of the current tenant's technologies whose search text (or, with names_only, whose code and names) match
-- the LIKE pattern; nothing when no tenant is set. Runs as the table's owner, outside RLS, so the trigram indexes
-- apply; the tenant comes from the calling transaction (app.tenant_id, as for the RLS policies). The statement is
-- planned for its actual pattern (EXECUTE … USING), so that a two-character query, which has no trigram, scans the
-- tenant's rows instead of the whole index.
CREATE OR REPLACE FUNCTION kakine_technology_search(pattern text, names_only boolean) RETURNS SETOF uuid
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tenant uuid := kakine_current_tenant();
BEGIN
  IF tenant IS NULL OR pattern IS NULL THEN
    RETURN;
  END IF;
  IF names_only THEN
    RETURN QUERY EXECUTE
      'SELECT technology_id FROM technology_search WHERE owner_tenant_id = $1 AND name_text LIKE $2'
      USING tenant, pattern;
  ELSE
    RETURN QUERY EXECUTE
      'SELECT technology_id FROM technology_search WHERE owner_tenant_id = $1 AND search_text LIKE $2'
      USING tenant, pattern;
  END IF;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION kakine_technology_search(text, boolean) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION kakine_technology_search_inserted() FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION kakine_technology_search_updated() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION kakine_technology_search(text, boolean) TO kakine_app;
