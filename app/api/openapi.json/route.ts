import { buildOpenApiDocument } from "@/lib/api/openapi";
import { problemResponse } from "@/lib/api/problem";

export const dynamic = "force-dynamic";

/** The OpenAPI 3.1 document of both public APIs; public, like any API reference. */
export async function GET() {
  try {
    return Response.json(buildOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
  } catch (e) {
    return problemResponse(e);
  }
}
