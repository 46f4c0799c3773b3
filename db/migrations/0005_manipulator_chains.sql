CREATE TABLE "manipulator_chains" (
	"tenant_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"direction" text NOT NULL,
	"record_type" text NOT NULL,
	"version" integer NOT NULL,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "manipulator_chains_pk" PRIMARY KEY("tenant_id","connection_id","direction","record_type")
);
--> statement-breakpoint
ALTER TABLE "manipulator_chains" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "transfer_reports" ADD COLUMN "chain_version" integer;--> statement-breakpoint
CREATE POLICY "manipulator_chains_tenant_isolation" ON "manipulator_chains" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));