import { databaseKind, pingDb } from "@/db/client";
import { problemResponse } from "@/lib/api/problem";

export const dynamic = "force-dynamic";

/** Liveness plus a database round trip; used by the start script, tests and load balancers. */
export async function GET() {
  try {
    await pingDb();
    return Response.json({ status: "ok", database: databaseKind() });
  } catch (e) {
    return problemResponse(e);
  }
}
