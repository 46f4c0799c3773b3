CREATE TABLE "error_queue" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"connection_id" text NOT NULL,
	"plug_key" text NOT NULL,
	"record_type" text NOT NULL,
	"item_key" text NOT NULL,
	"remote_id" text,
	"local_id" text,
	"display_id" text,
	"status" text NOT NULL,
	"message" text NOT NULL,
	"payload" jsonb,
	"attempts" integer DEFAULT 1 NOT NULL,
	"first_failed_at" timestamp (3) with time zone NOT NULL,
	"last_failed_at" timestamp (3) with time zone NOT NULL,
	"last_report_id" text,
	"resolved_at" timestamp (3) with time zone,
	"resolved_by" text,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "error_queue_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "error_queue" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "plugs" (
	"tenant_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"plug_key" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"schedule" jsonb NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"next_run_at" timestamp (3) with time zone,
	"run_requested_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plugs_tenant_id_connection_id_plug_key_pk" PRIMARY KEY("tenant_id","connection_id","plug_key")
);
--> statement-breakpoint
ALTER TABLE "plugs" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "transfer_outcomes" (
	"tenant_id" text NOT NULL,
	"report_id" text NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "transfer_outcomes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"outcome" text NOT NULL,
	"remote_id" text,
	"local_id" text,
	"display_id" text,
	"message" text,
	"at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "transfer_outcomes_tenant_id_report_id_seq_pk" PRIMARY KEY("tenant_id","report_id","seq")
);
--> statement-breakpoint
ALTER TABLE "transfer_outcomes" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "transfer_reports" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"connection_id" text NOT NULL,
	"plug_key" text NOT NULL,
	"direction" text NOT NULL,
	"record_type" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text NOT NULL,
	"started" timestamp (3) with time zone NOT NULL,
	"ended" timestamp (3) with time zone,
	"num_considered" integer DEFAULT 0 NOT NULL,
	"num_succeeded" integer DEFAULT 0 NOT NULL,
	"num_failed" integer DEFAULT 0 NOT NULL,
	"num_ignored" integer DEFAULT 0 NOT NULL,
	"session_errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_modified" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "transfer_reports_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "transfer_reports" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "secrets" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "archived" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "error_queue_item_key" ON "error_queue" USING btree ("tenant_id","connection_id","plug_key","item_key");--> statement-breakpoint
CREATE INDEX "error_queue_status_idx" ON "error_queue" USING btree ("tenant_id","status","last_failed_at");--> statement-breakpoint
CREATE INDEX "plugs_due_idx" ON "plugs" USING btree ("next_run_at") WHERE "plugs"."enabled";--> statement-breakpoint
CREATE INDEX "transfer_reports_plug_idx" ON "transfer_reports" USING btree ("tenant_id","connection_id","plug_key","started");--> statement-breakpoint
CREATE INDEX "transfer_reports_delta_idx" ON "transfer_reports" USING btree ("tenant_id","last_modified","id");--> statement-breakpoint
CREATE POLICY "error_queue_tenant_isolation" ON "error_queue" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "plugs_tenant_isolation" ON "plugs" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "transfer_outcomes_tenant_isolation" ON "transfer_outcomes" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "transfer_reports_tenant_isolation" ON "transfer_reports" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));