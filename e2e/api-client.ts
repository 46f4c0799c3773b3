import type { APIRequestContext } from "@playwright/test";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { expect } from "./fixtures";

/**
 * A contract-checking HTTP client for the public APIs. It reads the app's own OpenAPI document once
 * and sends every request by operationId; each response is checked against the document: the status
 * is one the operation lists, the content type is the documented one, and the body validates against
 * the documented JSON Schema (draft 2020-12, `$ref`s resolved against the document's components).
 *
 * The contract checks are soft assertions: a violation fails the test but the flow goes on, so one
 * run lists every place where the app and its document disagree. The caller asserts the status it
 * expects with a hard assertion.
 */

type Json = Record<string, any>;
const METHODS = ["get", "put", "post", "delete", "patch"] as const;
const DOC_ID = "https://crossdock.test/openapi.json";

export type CallOptions = {
  /** Path parameters, e.g. { localId }. */
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  /** A JSON body (serialised here). */
  body?: unknown;
  /** A body sent exactly as given (for malformed-input tests). */
  rawBody?: string;
};

export type CallResult<T = any> = {
  operationId: string;
  status: number;
  headers: Record<string, string>;
  text: string;
  body: T;
};

type Operation = { method: (typeof METHODS)[number]; path: string; pointer: string; op: Json };

/** JSON Pointer escaping of one reference token (RFC 6901). */
const esc = (token: string) => token.replace(/~/g, "~0").replace(/\//g, "~1");

/** The formats the document uses; a format Ajv does not know would otherwise be skipped silently. */
const formats = {
  "date-time": (s: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i.test(s) && !Number.isNaN(Date.parse(s)),
  email: (s: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s),
  uri: (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && URL.canParse(s),
};

function describeErrors(errors: ErrorObject[] | null | undefined, max = 12): string {
  const list = errors ?? [];
  const shown = list.slice(0, max).map((e) => `  ${e.instancePath || "/"} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ""} (schema ${e.schemaPath})`);
  return [...shown, ...(list.length > max ? [`  … and ${list.length - max} more`] : [])].join("\n");
}

const clip = (s: string, n = 1500) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

export class ApiClient {
  private readonly ajv: Ajv2020;
  private readonly operations = new Map<string, Operation>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly reported = new Set<string>();

  private constructor(
    private readonly request: APIRequestContext,
    readonly document: Json,
  ) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, formats });
    // The whole document is registered under one id, so every `#/components/…` reference inside a
    // response schema resolves against the document's own components.
    this.ajv.addSchema(document, DOC_ID);
    for (const [path, item] of Object.entries<Json>(document.paths ?? {})) {
      for (const method of METHODS) {
        const op = item[method];
        if (!op) continue;
        expect(op.operationId, `${method.toUpperCase()} ${path} has an operationId`).toBeTruthy();
        expect(this.operations.has(op.operationId), `operationId ${op.operationId} is unique`).toBe(false);
        this.operations.set(op.operationId, { method, path, pointer: `/paths/${esc(path)}/${method}`, op });
      }
    }
  }

  /** Fetches the OpenAPI document once (checked as JSON and OpenAPI 3.1) and builds the client on it. */
  static async load(request: APIRequestContext): Promise<ApiClient> {
    const res = await request.get("/api/openapi.json");
    expect(res.status(), "GET /api/openapi.json").toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^application\/json\b/);
    const doc = (await res.json()) as Json;
    expect(doc.openapi).toMatch(/^3\.1\./);
    return new ApiClient(request, doc);
  }

  operation(operationId: string): Operation {
    const found = this.operations.get(operationId);
    if (!found) throw new Error(`The OpenAPI document has no operation ${operationId} (it has ${[...this.operations.keys()].join(", ")})`);
    return found;
  }

  /** The validator of the documented response schema for (operation, status, media type); compiled once. */
  private validator(operationId: string, status: string, mediaType: string): ValidateFunction {
    const key = `${operationId} ${status} ${mediaType}`;
    let v = this.validators.get(key);
    if (!v) {
      const { pointer } = this.operation(operationId);
      v = this.ajv.compile({ $ref: `${DOC_ID}#${pointer}/responses/${esc(status)}/content/${esc(mediaType)}/schema` });
      this.validators.set(key, v);
    }
    return v;
  }

  /** Performs the operation and checks the response against the document; see the class comment. */
  async call<T = any>(operationId: string, opts: CallOptions = {}): Promise<CallResult<T>> {
    const { method, path, op } = this.operation(operationId);
    const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = opts.params?.[name];
      if (value === undefined) throw new Error(`${operationId}: missing path parameter ${name}`);
      return encodeURIComponent(value);
    });
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) params[k] = String(v);
    const headers: Record<string, string> = { accept: "application/json, application/problem+json", ...opts.headers };
    let data: string | undefined;
    if (opts.rawBody !== undefined) data = opts.rawBody;
    else if (opts.body !== undefined) data = JSON.stringify(opts.body);
    if (data !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === "content-type")) headers["content-type"] = "application/json";

    const res = await this.request.fetch(url, { method: method.toUpperCase(), params, headers, data, failOnStatusCode: false, maxRedirects: 0 });
    const status = res.status();
    const resHeaders = res.headers();
    const text = await res.text();
    const where = `${operationId} (${method.toUpperCase()} ${url}) → ${status}`;

    let body: any = undefined;
    if (text.length) {
      try {
        body = JSON.parse(text);
      } catch {
        expect.soft(false, `${where}: the body is not JSON:\n${clip(text)}`).toBe(true);
      }
    }

    const responses = (op.responses ?? {}) as Json;
    const documented = responses[String(status)] as Json | undefined;
    expect.soft(documented, `${where}: status ${status} is not documented for ${operationId} (documented: ${Object.keys(responses).join(", ")})\n${clip(text)}`).toBeDefined();
    if (documented) {
      const mediaTypes = Object.keys(documented.content ?? {});
      const contentType = (resHeaders["content-type"] ?? "").split(";")[0].trim().toLowerCase();
      expect.soft(mediaTypes, `${where}: content-type "${resHeaders["content-type"] ?? "(none)"}" is not the documented one`).toContain(contentType);
      if (mediaTypes.includes(contentType) && body !== undefined) {
        const validate = this.validator(operationId, String(status), contentType);
        if (!validate(body)) {
          // One failure per distinct violation: the same mismatch on every later response adds nothing.
          const signature = `${operationId} ${status} ${[...new Set((validate.errors ?? []).map((e) => `${e.keyword}@${e.schemaPath}`))].sort().join(" ")}`;
          if (!this.reported.has(signature)) {
            this.reported.add(signature);
            expect.soft(false, `${where}: the body does not match the documented ${contentType} schema:\n${describeErrors(validate.errors)}\nbody: ${clip(text)}`).toBe(true);
          }
        }
      }
    }
    return { operationId, status, headers: resHeaders, text, body: body as T };
  }
}

/** The path and query of the `rel="next"` target in a Link header, or undefined when there is none. */
export function nextLink(link: string | undefined): { path: string; query: Record<string, string> } | undefined {
  const m = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/i);
  if (!m) return undefined;
  const u = new URL(m[1], "http://link.invalid");
  return { path: u.pathname, query: Object.fromEntries(u.searchParams) };
}

export function basic(login: string, password: string): string {
  return `Basic ${Buffer.from(`${login}:${password}`).toString("base64")}`;
}
