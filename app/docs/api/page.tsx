import type { Metadata } from "next";
import Link from "next/link";
import { SchemaView } from "@/components/docs/schema-view";
import { Logo } from "@/components/shell/logo";
import { Badge } from "@/components/ui/badge";
import { buildOpenApiDocument } from "@/lib/api/openapi";

export const metadata: Metadata = { title: "API reference" };
export const dynamic = "force-dynamic";

type Json = Record<string, unknown>;
const methods = ["get", "post", "put", "patch", "delete"] as const;
const methodTone = { get: "blue", post: "green", put: "amber", patch: "amber", delete: "red" } as const;

/** A readable reference of the OpenAPI document, rendered on the server (works offline). */
export default function ApiDocsPage() {
  const doc = buildOpenApiDocument() as Json;
  const info = doc.info as Json;
  const components = ((doc.components as Json).schemas ?? {}) as Record<string, Json>;
  const sharedParams = ((doc.components as Json).parameters ?? {}) as Record<string, Json>;
  const ops = Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    methods.filter((m) => item[m]).map((m) => ({ path, method: m, op: item[m] as Json })),
  );
  const tags = [...new Set(ops.map((o) => ((o.op.tags as string[]) ?? ["Other"])[0]))];
  const anchor = (method: string, path: string) => `${method}-${path.replace(/[^a-zA-Z0-9]+/g, "-")}`;
  return (
    <div className="min-h-screen bg-white">
      <header className="sticky top-0 z-10 flex h-14 items-center justify-between border-b border-slate-200 bg-white/95 px-4 backdrop-blur sm:px-6">
        <Link href="/"><Logo subtitle="API reference" /></Link>
        <a href="/api/openapi.json" className="text-sm font-medium text-brand-700 hover:underline">openapi.json</a>
      </header>
      <div className="mx-auto flex max-w-7xl gap-8 px-4 py-8 sm:px-6">
        <nav className="sticky top-20 hidden h-[calc(100vh-6rem)] w-64 shrink-0 overflow-y-auto text-sm lg:block" aria-label="Endpoints">
          {tags.map((tag) => (
            <div key={tag} className="mb-4">
              <p className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{tag}</p>
              <ul>
                {ops.filter((o) => ((o.op.tags as string[]) ?? ["Other"])[0] === tag).map((o) => (
                  <li key={anchor(o.method, o.path)}>
                    <a href={`#${anchor(o.method, o.path)}`} className="block truncate rounded px-2 py-1 text-slate-700 hover:bg-slate-100" title={`${o.method.toUpperCase()} ${o.path}`}>
                      <span className="mr-1 font-mono text-xs uppercase text-slate-500">{o.method}</span>
                      {o.path}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        <main className="min-w-0 flex-1">
          <h1 className="text-3xl font-semibold tracking-tight text-slate-900">{String(info.title)}</h1>
          <p className="mt-2 max-w-3xl text-slate-600">{String(info.description)}</p>
          <section className="mt-6 rounded-lg bg-slate-50 p-4 text-sm text-slate-700 ring-1 ring-slate-200">
            <h2 className="font-semibold text-slate-900">Authentication</h2>
            <p className="mt-1">Tenant API: HTTP Basic with the login and password of a tenant user that has API access, plus the headers <code className="font-mono">X-Tenant</code> (tenant code name) and <code className="font-mono">X-ConnectionId</code> (an active API connection). Reseller API: HTTP Basic with a reseller API credential plus <code className="font-mono">X-Reseller</code> (the reseller code name). Errors are <code className="font-mono">application/problem+json</code> with a <code className="font-mono">code</code>, a <code className="font-mono">requestId</code> and, for validation, <code className="font-mono">errors[]</code> of path and message.</p>
          </section>
          {ops.map(({ path, method, op }) => {
            const params = ((op.parameters as Json[]) ?? []).map((p) => (typeof p.$ref === "string" ? sharedParams[p.$ref.split("/").pop()!] : p));
            const body = ((op.requestBody as Json)?.content as Json)?.["application/json"] as Json | undefined;
            return (
              <article key={anchor(method, path)} id={anchor(method, path)} className="mt-10 scroll-mt-20 border-t border-slate-200 pt-6">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={methodTone[method]}>{method.toUpperCase()}</Badge>
                  <code className="break-all font-mono text-sm font-semibold text-slate-900">{path}</code>
                </div>
                <h2 className="mt-2 text-lg font-semibold text-slate-900">{String(op.summary)}</h2>
                {typeof op.description === "string" && <p className="mt-1 max-w-3xl text-sm text-slate-600">{op.description}</p>}
                {params.length > 0 && (
                  <div className="mt-4">
                    <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Parameters</h3>
                    <ul className="mt-1 divide-y divide-slate-100 text-sm">
                      {params.map((p) => (
                        <li key={`${p.in}-${p.name}`} className="py-1.5">
                          <span className="font-mono font-medium">{String(p.name)}</span>
                          <span className="ml-2 text-xs text-slate-500">{String(p.in)}</span>
                          {p.required === true && <span className="ml-2 text-xs font-medium text-red-700">required</span>}
                          {typeof p.description === "string" && <p className="text-xs text-slate-500">{p.description}</p>}
                        </li>
                      ))}
                    </ul>
                  </div>
                )}
                {body && (
                  <div className="mt-4">
                    <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Request body</h3>
                    <details className="mt-1 rounded-md ring-1 ring-slate-200">
                      <summary className="cursor-pointer px-3 py-2 text-sm text-slate-700">Fields</summary>
                      <div className="px-3 pb-3"><SchemaView schema={body.schema as Json} components={components} /></div>
                    </details>
                  </div>
                )}
                <div className="mt-4">
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Responses</h3>
                  <ul className="mt-1 text-sm">
                    {Object.entries(op.responses as Record<string, Json>).map(([status, r]) => (
                      <li key={status} className="py-0.5">
                        <span className={`font-mono font-semibold ${status.startsWith("2") ? "text-emerald-700" : "text-red-700"}`}>{status}</span>
                        <span className="ml-2 text-slate-600">{String(r.description)}</span>
                      </li>
                    ))}
                  </ul>
                </div>
              </article>
            );
          })}
        </main>
      </div>
    </div>
  );
}
