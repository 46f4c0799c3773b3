CREATE TABLE "auto_invoice_errors" (
	"tenant_id" text NOT NULL,
	"order_local_id" text NOT NULL,
	"rule_id" text,
	"order_number" text,
	"message" text NOT NULL,
	"details" jsonb,
	"order_last_modified" timestamp (3) with time zone NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auto_invoice_errors_pk" PRIMARY KEY("tenant_id","order_local_id")
);
--> statement-breakpoint
ALTER TABLE "auto_invoice_errors" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "auto_invoice_links" (
	"tenant_id" text NOT NULL,
	"order_local_id" text NOT NULL,
	"kind" text NOT NULL,
	"invoice_local_id" text NOT NULL,
	"invoice_number" text NOT NULL,
	"rule_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "auto_invoice_links_pk" PRIMARY KEY("tenant_id","order_local_id","kind")
);
--> statement-breakpoint
ALTER TABLE "auto_invoice_links" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "auto_invoice_rules" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"conditions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"match" text DEFAULT 'all' NOT NULL,
	"actions" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auto_invoice_rules_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "auto_invoice_rules" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "auto_invoice_settings" (
	"tenant_id" text NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"cutoff_days" integer DEFAULT 30 NOT NULL,
	"watermark_at" timestamp (3) with time zone,
	"watermark_local_id" text,
	"last_run_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "auto_invoice_settings_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "auto_invoice_settings" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "number_series" (
	"tenant_id" text NOT NULL,
	"prefix" text NOT NULL,
	"next_value" bigint DEFAULT 1 NOT NULL,
	"padding" integer DEFAULT 5 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "number_series_pk" PRIMARY KEY("tenant_id","prefix")
);
--> statement-breakpoint
ALTER TABLE "number_series" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE INDEX "auto_invoice_errors_rule_idx" ON "auto_invoice_errors" USING btree ("tenant_id","rule_id");--> statement-breakpoint
CREATE INDEX "auto_invoice_links_rule_idx" ON "auto_invoice_links" USING btree ("tenant_id","rule_id","created_at");--> statement-breakpoint
CREATE INDEX "auto_invoice_rules_position_idx" ON "auto_invoice_rules" USING btree ("tenant_id","position");--> statement-breakpoint
CREATE POLICY "auto_invoice_errors_tenant_isolation" ON "auto_invoice_errors" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "auto_invoice_links_tenant_isolation" ON "auto_invoice_links" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "auto_invoice_rules_tenant_isolation" ON "auto_invoice_rules" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "auto_invoice_settings_tenant_isolation" ON "auto_invoice_settings" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "number_series_tenant_isolation" ON "number_series" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));