-- Substring search on Japanese text (「コンデンサ」 finds 「積層セラミックコンデンサ」) uses trigram indexes.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"employee_id" text NOT NULL,
	"name" text NOT NULL,
	"name_kana" text,
	"email" text,
	"department" text,
	"job_title" text,
	"employment_type" text NOT NULL,
	"employer" text,
	"status" text DEFAULT 'active' NOT NULL,
	"last_working_day" date,
	"contract_end_date" date,
	"notes" text,
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "access_grants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"technology_id" uuid NOT NULL,
	"grantee_kind" text NOT NULL,
	"person_id" uuid,
	"department" text,
	"reason" text NOT NULL,
	"granted_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_on" date,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoke_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "know_how_holdings" (
	"tenant_id" uuid NOT NULL,
	"step_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"depth" smallint NOT NULL,
	CONSTRAINT "know_how_holdings_step_id_person_id_pk" PRIMARY KEY("step_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "know_how_steps" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"technology_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "register_reminders" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "register_reminders_tenant_id_kind_subject_id_due_on_pk" PRIMARY KEY("tenant_id","kind","subject_id","due_on")
);
--> statement-breakpoint
CREATE TABLE "register_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"classification_levels" jsonb NOT NULL,
	"inaccessible_visibility" text NOT NULL,
	"default_review_interval_months" integer NOT NULL,
	"reminder_lead_days" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "technologies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_ja" text NOT NULL,
	"name_en" text,
	"description" text DEFAULT '' NOT NULL,
	"products" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_user_id" uuid,
	"department" text,
	"classification_code" text NOT NULL,
	"is_core" boolean DEFAULT false NOT NULL,
	"core_reason" text,
	"designated_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"export_control_status" text DEFAULT 'undetermined' NOT NULL,
	"export_control_ref" text,
	"export_control_assessor" text,
	"export_control_assessed_on" date,
	"export_control_evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"locations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"overseas" boolean DEFAULT false NOT NULL,
	"review_interval_months" integer NOT NULL,
	"last_reviewed_on" date,
	"next_review_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"archived_at" timestamp with time zone,
	"trade_secret_qualifies" boolean DEFAULT false NOT NULL,
	"concentration_level" text DEFAULT 'none' NOT NULL,
	"bus_factor" integer,
	"single_person_all_steps" boolean DEFAULT false NOT NULL,
	"departing_holders" integer DEFAULT 0 NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "trade_secret_requirements" (
	"tenant_id" uuid NOT NULL,
	"technology_id" uuid NOT NULL,
	"requirement" text NOT NULL,
	"status" text NOT NULL,
	"note" text,
	"evidence_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"reviewed_on" date,
	"reviewed_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "trade_secret_requirements_technology_id_requirement_pk" PRIMARY KEY("technology_id","requirement")
);
--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_tenant_id_organisations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_tenant_id_organisations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_technology_id_technologies_id_fk" FOREIGN KEY ("technology_id") REFERENCES "public"."technologies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_grants" ADD CONSTRAINT "access_grants_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "know_how_holdings" ADD CONSTRAINT "know_how_holdings_tenant_id_organisations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "know_how_holdings" ADD CONSTRAINT "know_how_holdings_step_id_know_how_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."know_how_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "know_how_holdings" ADD CONSTRAINT "know_how_holdings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "know_how_steps" ADD CONSTRAINT "know_how_steps_tenant_id_organisations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "know_how_steps" ADD CONSTRAINT "know_how_steps_technology_id_technologies_id_fk" FOREIGN KEY ("technology_id") REFERENCES "public"."technologies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_reminders" ADD CONSTRAINT "register_reminders_tenant_id_organisations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "register_settings" ADD CONSTRAINT "register_settings_tenant_id_organisations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technologies" ADD CONSTRAINT "technologies_tenant_id_organisations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technologies" ADD CONSTRAINT "technologies_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_secret_requirements" ADD CONSTRAINT "trade_secret_requirements_tenant_id_organisations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trade_secret_requirements" ADD CONSTRAINT "trade_secret_requirements_technology_id_technologies_id_fk" FOREIGN KEY ("technology_id") REFERENCES "public"."technologies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "people_employee_id_key" ON "people" USING btree ("tenant_id","employee_id");--> statement-breakpoint
CREATE INDEX "people_email_idx" ON "people" USING btree ("tenant_id","email");--> statement-breakpoint
CREATE INDEX "people_department_idx" ON "people" USING btree ("tenant_id","department");--> statement-breakpoint
CREATE INDEX "people_search_trgm_idx" ON "people" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "access_grants_technology_idx" ON "access_grants" USING btree ("tenant_id","technology_id");--> statement-breakpoint
CREATE INDEX "access_grants_person_idx" ON "access_grants" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "access_grants_department_idx" ON "access_grants" USING btree ("tenant_id","department");--> statement-breakpoint
CREATE INDEX "know_how_holdings_person_idx" ON "know_how_holdings" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "know_how_steps_technology_idx" ON "know_how_steps" USING btree ("tenant_id","technology_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "technologies_code_key" ON "technologies" USING btree ("tenant_id","code");--> statement-breakpoint
CREATE INDEX "technologies_status_code_idx" ON "technologies" USING btree ("tenant_id","status","code");--> statement-breakpoint
CREATE INDEX "technologies_owner_idx" ON "technologies" USING btree ("tenant_id","owner_user_id");--> statement-breakpoint
CREATE INDEX "technologies_next_review_idx" ON "technologies" USING btree ("tenant_id","next_review_on");--> statement-breakpoint
CREATE INDEX "technologies_search_trgm_idx" ON "technologies" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
-- Row-level security on the new tenant tables (people, register).
SELECT kakine_apply_tenant_rls();
