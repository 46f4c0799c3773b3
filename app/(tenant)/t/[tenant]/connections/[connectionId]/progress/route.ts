import { connectionProgress, progressRoute } from "../../_progress";

export const dynamic = "force-dynamic";

export const GET = progressRoute<{ tenant: string; connectionId: string }>((ctx, p) => connectionProgress(ctx, p.connectionId));
