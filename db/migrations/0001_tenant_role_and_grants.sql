-- The role tenant-scoped transactions switch to (SET LOCAL ROLE), so that row-level security applies:
-- superusers and table owners bypass it. Roles are cluster-wide, so creation must tolerate a role
-- made by another database on the same server (parallel test databases do exactly that).
DO $$
BEGIN
  CREATE ROLE crossdock_tenant NOLOGIN;
EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
END $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO crossdock_tenant;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO crossdock_tenant;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO crossdock_tenant;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO crossdock_tenant;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO crossdock_tenant;
