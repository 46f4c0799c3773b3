CREATE TABLE "connections" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"connector" text NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connections_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "connections" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "log_events" (
	"tenant_id" text NOT NULL,
	"id" text NOT NULL,
	"connection_id" text,
	"severity" text NOT NULL,
	"related_record_type" text,
	"direction" text,
	"summary" text NOT NULL,
	"body" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"related_id_msgs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"time" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "log_events_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "log_events" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "record_history" (
	"tenant_id" text NOT NULL,
	"local_id" text NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "record_history_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp (3) with time zone NOT NULL,
	"by" text NOT NULL,
	"changes" jsonb NOT NULL,
	CONSTRAINT "record_history_tenant_id_local_id_seq_pk" PRIMARY KEY("tenant_id","local_id","seq")
);
--> statement-breakpoint
ALTER TABLE "record_history" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "record_remote_ids" (
	"tenant_id" text NOT NULL,
	"connection_id" text NOT NULL,
	"type" text NOT NULL,
	"remote_id" text NOT NULL,
	"local_id" text NOT NULL,
	"remote_ref" text,
	CONSTRAINT "record_remote_ids_tenant_id_connection_id_type_remote_id_pk" PRIMARY KEY("tenant_id","connection_id","type","remote_id")
);
--> statement-breakpoint
ALTER TABLE "record_remote_ids" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "records" (
	"tenant_id" text NOT NULL,
	"local_id" text NOT NULL,
	"type" text NOT NULL,
	"created" timestamp (3) with time zone NOT NULL,
	"last_modified" timestamp (3) with time zone NOT NULL,
	"last_modified_by" text NOT NULL,
	"source" jsonb NOT NULL,
	"data" jsonb NOT NULL,
	"custom_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"number" text,
	"sku" text,
	"name" text,
	"status" text,
	"archived" boolean DEFAULT false NOT NULL,
	CONSTRAINT "records_tenant_id_local_id_pk" PRIMARY KEY("tenant_id","local_id")
);
--> statement-breakpoint
ALTER TABLE "records" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "tenant_clocks" (
	"tenant_id" text NOT NULL,
	"last_ts" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "tenant_clocks_tenant_id_pk" PRIMARY KEY("tenant_id")
);
--> statement-breakpoint
ALTER TABLE "tenant_clocks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "tenant_users" ADD COLUMN "api_access" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "log_events_time_idx" ON "log_events" USING btree ("tenant_id","time");--> statement-breakpoint
CREATE UNIQUE INDEX "record_remote_ids_local_key" ON "record_remote_ids" USING btree ("tenant_id","local_id","connection_id");--> statement-breakpoint
CREATE INDEX "records_delta_idx" ON "records" USING btree ("tenant_id","type","last_modified","local_id");--> statement-breakpoint
CREATE UNIQUE INDEX "records_product_sku_key" ON "records" USING btree ("tenant_id","sku") WHERE "records"."type" = 'product';--> statement-breakpoint
CREATE INDEX "records_number_idx" ON "records" USING btree ("tenant_id","type","number");--> statement-breakpoint
CREATE POLICY "connections_tenant_isolation" ON "connections" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "log_events_tenant_isolation" ON "log_events" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "record_history_tenant_isolation" ON "record_history" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "record_remote_ids_tenant_isolation" ON "record_remote_ids" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "records_tenant_isolation" ON "records" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));--> statement-breakpoint
CREATE POLICY "tenant_clocks_tenant_isolation" ON "tenant_clocks" AS PERMISSIVE FOR ALL TO public USING (tenant_id = current_setting('app.tenant_id', true)) WITH CHECK (tenant_id = current_setting('app.tenant_id', true));