import { z } from "zod";
import { dataSchema, recordTypes, type RecordType } from "@/lib/records";
import { logEventsBody } from "@/lib/services/log-events/create";
import { listRecordsQuery } from "@/lib/services/records/list";
import { apiRootSchema, connectionSchema, logEventOutSchema, problemSchema, recordCommonSchema, recordWritableCommonSchema, transferReportDetailSchema, transferReportSchema } from "@/lib/schemas/records-api";
import { chainBodySchema, chainSchema, directionSchema, previewBodySchema, previewSchema } from "@/lib/schemas/manipulators";
import * as autoInvoice from "@/lib/schemas/auto-invoice";
import { transferOutcomesQuery } from "@/lib/services/transfers/get";
import {
  resellerConnectionCreateSchema,
  resellerConnectionSchema,
  resellerLoginUrlCreateSchema,
  resellerLoginUrlSchema,
  resellerTenantCreateSchema,
  resellerTenantListQuerySchema,
  resellerTenantListSchema,
  resellerTenantSchema,
  resellerTenantUpdateSchema,
  resellerTenantUserCreateSchema,
  resellerTenantUserSchema,
} from "@/lib/schemas/reseller-api";

/**
 * The OpenAPI 3.1 document of the public APIs, generated from the same zod schemas that validate the
 * requests (zod's own JSON Schema output, draft 2020-12, which OpenAPI 3.1 uses as-is).
 */
type Json = Record<string, unknown>;
type Operation = Json;

export function jsonSchema(schema: z.ZodType, io: "input" | "output" = "input"): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any" }) as Json;
  return rest;
}

/** A zod query object as OpenAPI query parameters. */
const queryParams = (schema: z.ZodType) => Object.entries((jsonSchema(schema).properties ?? {}) as Record<string, Json>).map(([name, s]) => ({ name, in: "query", required: false, schema: s }));
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: ref("Problem") } } });
const jsonBody = (schema: Json, description = "OK") => ({ description, content: { "application/json": { schema } } });
const typeName = (t: string) => t[0].toUpperCase() + t.slice(1);

const rateHeaders = {
  "RateLimit-Limit": { description: "Requests allowed in a burst for this credential.", schema: { type: "integer" } },
  "RateLimit-Remaining": { description: "Requests left before throttling.", schema: { type: "integer" } },
  "RateLimit-Reset": { description: "Seconds until the allowance is full again.", schema: { type: "integer" } },
};

const tenantErrors = {
  "400": problem("Missing or malformed X-Tenant / X-ConnectionId header, or a body that is not JSON."),
  "401": problem("No or wrong credentials, or they do not reach this tenant and connection."),
  "403": problem("The tenant is paused, or the user is read-only on a write."),
  "404": problem("No such record in this tenant (another tenant's record answers the same)."),
  "429": { ...problem("Rate limit exceeded; retry after Retry-After seconds."), headers: { "Retry-After": { schema: { type: "integer" } } } },
};

function op(operationId: string, tag: string, summary: string, o: { description?: string; parameters?: Json[]; requestBody?: Json; responses: Json }): Operation {
  return {
    operationId,
    tags: [tag],
    summary,
    ...(o.description ? { description: o.description } : {}),
    security: [{ tenantBasic: [] }],
    parameters: [{ $ref: "#/components/parameters/XTenant" }, { $ref: "#/components/parameters/XConnectionId" }, ...(o.parameters ?? [])],
    ...(o.requestBody ? { requestBody: o.requestBody } : {}),
    responses: { ...o.responses, ...tenantErrors },
  };
}

function recordPaths(type: RecordType): Record<string, Json> {
  const T = typeName(type);
  const tag = `${T} records`;
  const localId = { name: "localId", in: "path", required: true, schema: { type: "string", pattern: "^[0-9a-f]{32}$" } };
  const listParams = queryParams(listRecordsQuery);
  const writeBody = (schema: string, description: string) => ({ required: true, description, content: { "application/json": { schema: ref(schema) } } });
  return {
    [`/api/${type}`]: {
      get: op(`list${T}`, tag, `List ${type} records (delta sync)`, {
        description: "Records modified at or after `modifiedAtOrAfter`, ordered by (lastModified, localId). Follow the `Link: <…>; rel=\"next\"` header until it is absent; a record changed while you page comes back later with its new lastModified.",
        parameters: listParams,
        responses: { "200": { ...jsonBody({ type: "array", items: ref(T) }), headers: { Link: { description: 'Next page: `<…>; rel="next"`.', schema: { type: "string" } }, ...rateHeaders } } },
      }),
      post: op(`create${T}`, tag, `Create a ${type}`, {
        requestBody: writeBody(`${T}Create`, "Numbers are JSON strings (\"12.50\"); rows, VAT and totals must add up to the currency's minor unit."),
        responses: { "201": jsonBody(ref(T), "Created"), "409": problem("remoteId (or product sku) already used."), "422": problem("Validation failed; see errors[].") },
      }),
    },
    [`/api/${type}/{localId}`]: {
      get: op(`get${T}`, tag, `Get a ${type}`, { parameters: [localId], responses: { "200": jsonBody(ref(T)) } }),
      put: op(`update${T}`, tag, `Update a ${type} (partial merge)`, {
        description: "A field left out stays as it is, `null` clears it, any other value is set after validation.",
        parameters: [localId],
        requestBody: writeBody(`${T}Update`, "Only the fields to change."),
        responses: { "200": jsonBody(ref(T)), "409": problem("remoteId (or sku) conflict."), "422": problem("Validation failed; see errors[].") },
      }),
    },
    [`/api/${type}/by-remote-id`]: {
      get: op(`get${T}ByRemoteId`, tag, `Get a ${type} by your remote id`, {
        parameters: [{ name: "remoteId", in: "query", required: true, schema: { type: "string" } }],
        responses: { "200": jsonBody(ref(T)), "422": problem("remoteId missing.") },
      }),
    },
    [`/api/${type}/batch`]: {
      post: op(`batchUpsert${T}`, tag, `Upsert up to 1,000 ${type} records by remoteId`, {
        description: "Each item is created or merged by the calling connection's remoteId in its own savepoint: one bad item is reported and changes nothing, the others go through.",
        requestBody: { required: true, content: { "application/json": { schema: { type: "array", minItems: 1, maxItems: 1000, items: ref(`${T}Create`) } } } },
        responses: { "200": jsonBody({ type: "array", items: ref(`${T}BatchResult`) }), "422": problem("Not an array, empty, or more than 1,000 items.") },
      }),
    },
  };
}

function manipulatorPaths(): Record<string, Json> {
  const path = "/api/connection/{connectionId}/manipulators/{direction}/{recordType}";
  const parameters = [
    { name: "connectionId", in: "path", required: true, description: "A native connection of the tenant (con_…).", schema: { type: "string" } },
    { name: "direction", in: "path", required: true, schema: jsonSchema(directionSchema) },
    { name: "recordType", in: "path", required: true, schema: { enum: [...recordTypes] } },
  ];
  const tag = "Manipulators";
  const refused = problem("Validation failed; errors[] name the link and field, e.g. `2.settings.expression`, or the connection has no plug for this direction and record type.");
  return {
    [path]: {
      get: op("getManipulatorChain", tag, "The manipulator chain of a connection for one direction and record type", {
        description: "Empty at version 0 until it is saved.",
        parameters,
        responses: { "200": jsonBody(ref("ManipulatorChain")) },
      }),
      put: op("putManipulatorChain", tag, "Replace a manipulator chain", {
        description: "The body is the whole chain, in order; each link gets the record as the previous link left it. Every save is a new version and is audited. Settings, regular expressions, expressions and conditions are checked as the console checks them.",
        parameters,
        requestBody: { required: true, content: { "application/json": { schema: ref("ManipulatorChainLinks") } } },
        responses: { "200": jsonBody(ref("ManipulatorChain")), "409": problem("The connection is archived."), "422": refused },
      }),
    },
    [`${path}/preview`]: {
      post: op("previewManipulatorChain", tag, "Try a chain on a record without saving anything", {
        description: "Runs `chain` (or the saved chain when it is left out) on `record` and answers the record before and after, and what each link did. Nothing is written.",
        parameters,
        requestBody: { required: true, content: { "application/json": { schema: ref("ManipulatorPreviewRequest") } } },
        responses: { "200": jsonBody(ref("ManipulatorPreview")), "422": refused },
      }),
    },
  };
}

function autoInvoicePaths(): Record<string, Json> {
  const tag = "Auto Invoice";
  const id = [{ name: "id", in: "path", required: true, description: "A rule of the tenant (air_…).", schema: { type: "string" } }];
  const refused = problem("Validation failed; errors[] name the field, e.g. `conditions.1.value` (contradictory conditions), `actions.numberSeries.prefix`, `actions.exportConnectionId` (unknown or not an accounting connection).");
  const missing = problem("No such rule in this tenant.");
  return {
    "/api/auto-invoice/settings": {
      get: op("getAutoInvoiceSettings", tag, "The master switch and the cut-off", {
        description: "`available` says whether the tenant's plan includes Auto Invoice; `lastRunAt` is the engine's last pass.",
        responses: { "200": jsonBody(ref("AutoInvoiceSettings")) },
      }),
      put: op("updateAutoInvoiceSettings", tag, "Switch Auto Invoice on or off, or change the cut-off", {
        description:
          "Needs a user with the admin or owner role (403 otherwise). Switching on is refused (422, `enabled`) when the plan lacks Auto Invoice; once on, orders from the cut-off on that are not yet invoiced are invoiced within seconds. Audited.",
        requestBody: { required: true, content: { "application/json": { schema: ref("AutoInvoiceSettingsUpdate") } } },
        responses: { "200": jsonBody(ref("AutoInvoiceSettings")), "422": problem("Validation failed (`enabled`, `cutoffDays`).") },
      }),
    },
    "/api/auto-invoice/recheck": {
      post: op("recheckAutoInvoiceOrders", tag, "Run the rules again over recent orders", {
        description:
          "Rules apply to orders as they change; after enabling or changing a rule, this runs the enabled rules again over the orders changed in the last `days` days (at most the cut-off). Orders already invoiced are never invoiced twice. Answers at once; the invoices follow within seconds. Needs the admin or owner role. Audited.",
        requestBody: { required: true, content: { "application/json": { schema: ref("AutoInvoiceRecheckRequest") } } },
        responses: { "202": jsonBody(ref("AutoInvoiceRecheck")), "422": problem("`days` beyond the cut-off, or Auto Invoice is off.") },
      }),
    },
    "/api/auto-invoice/rule": {
      get: op("listAutoInvoiceRules", tag, "The Auto Invoice rules in evaluation order", {
        description: "The first enabled rule whose conditions match an order invoices it.",
        responses: { "200": jsonBody({ type: "array", items: ref("AutoInvoiceRule") }) },
      }),
      post: op("createAutoInvoiceRule", tag, "Create a rule", {
        description: "New rules start disabled unless `enabled` is true, and go last unless `position` is given. Audited.",
        requestBody: { required: true, content: { "application/json": { schema: ref("AutoInvoiceRuleCreate") } } },
        responses: { "201": jsonBody(ref("AutoInvoiceRule")), "422": refused },
      }),
    },
    "/api/auto-invoice/rule/{id}": {
      get: op("getAutoInvoiceRule", tag, "One rule", { parameters: id, responses: { "200": jsonBody(ref("AutoInvoiceRule")), "404": missing } }),
      put: op("updateAutoInvoiceRule", tag, "Change a rule", {
        description: "Absent fields stay; the result is validated as a whole. `position` moves the rule (the others shift). Send `version` to refuse the change if someone else changed the rule first (409).",
        parameters: id,
        requestBody: { required: true, content: { "application/json": { schema: ref("AutoInvoiceRuleUpdate") } } },
        responses: { "200": jsonBody(ref("AutoInvoiceRule")), "404": missing, "409": problem("The rule changed since `version`."), "422": refused },
      }),
    },
    "/api/auto-invoice/rule/{id}/preview": {
      post: op("previewAutoInvoiceRule", tag, "Which of the latest orders the rule would invoice", {
        description: "Tries the rule (or the unsaved version in `rule`) on the latest `limit` orders as if it were enabled in its place, and answers the invoice each match would get. Nothing is written and no number is taken.",
        parameters: id,
        requestBody: { required: true, content: { "application/json": { schema: ref("AutoInvoicePreviewRequest") } } },
        responses: { "200": jsonBody(ref("AutoInvoicePreview")), "404": missing, "422": refused },
      }),
    },
  };
}

const resellerErrors = {
  "400": problem("Missing or malformed X-Reseller header, or a body that is not JSON."),
  "401": problem("No or wrong credential, or it belongs to another reseller."),
  "403": problem("The credential lacks the permission, or the reseller is deactivated."),
  "404": problem("No such tenant of this reseller (another reseller's tenant answers the same)."),
  "429": { ...problem("Rate limit exceeded; retry after Retry-After seconds."), headers: { "Retry-After": { schema: { type: "integer" } } } },
};

function rop(operationId: string, summary: string, o: { parameters?: Json[]; body?: string; responses: Json }): Operation {
  return {
    operationId,
    tags: ["Reseller"],
    summary,
    security: [{ resellerBasic: [] }],
    parameters: [{ $ref: "#/components/parameters/XReseller" }, ...(o.parameters ?? [])],
    ...(o.body ? { requestBody: { required: true, content: { "application/json": { schema: ref(o.body) } } } } : {}),
    responses: { ...o.responses, ...resellerErrors },
  };
}

function resellerSchemas(): Record<string, Json> {
  return {
    ResellerTenantCreate: jsonSchema(resellerTenantCreateSchema),
    ResellerTenantUpdate: jsonSchema(resellerTenantUpdateSchema),
    ResellerTenant: jsonSchema(resellerTenantSchema, "output"),
    ResellerTenantList: jsonSchema(resellerTenantListSchema, "output"),
    ResellerTenantUserCreate: jsonSchema(resellerTenantUserCreateSchema),
    ResellerTenantUser: jsonSchema(resellerTenantUserSchema, "output"),
    ResellerConnectionCreate: jsonSchema(resellerConnectionCreateSchema),
    ResellerConnection: jsonSchema(resellerConnectionSchema, "output"),
    ResellerLoginUrlCreate: jsonSchema(resellerLoginUrlCreateSchema),
    ResellerLoginUrl: jsonSchema(resellerLoginUrlSchema, "output"),
  };
}

function resellerPaths(): Record<string, Json> {
  const codeName = { name: "codeName", in: "path", required: true, description: "The tenant's code name.", schema: { type: "string" } };
  const query = queryParams(resellerTenantListQuerySchema);
  const invalid = problem("Validation failed; see errors[].");
  return {
    "/reseller/tenant": {
      get: rop("listTenants", "List your tenants", { parameters: query, responses: { "200": jsonBody(ref("ResellerTenantList")) } }),
      post: rop("createTenant", "Create a tenant (optionally from a template)", { body: "ResellerTenantCreate", responses: { "201": jsonBody(ref("ResellerTenant"), "Created"), "409": problem("The customer reference is taken."), "422": invalid } }),
    },
    "/reseller/tenant/{codeName}": {
      get: rop("getTenant", "Get a tenant", { parameters: [codeName], responses: { "200": jsonBody(ref("ResellerTenant")) } }),
      put: rop("updateTenant", "Update a tenant (partial)", { parameters: [codeName], body: "ResellerTenantUpdate", responses: { "200": jsonBody(ref("ResellerTenant")), "422": invalid } }),
    },
    "/reseller/tenant/{codeName}/user": {
      post: rop("createTenantUser", "Create a user of the tenant", { parameters: [codeName], body: "ResellerTenantUserCreate", responses: { "201": jsonBody(ref("ResellerTenantUser"), "Created"), "409": problem("The login is taken."), "422": invalid } }),
    },
    "/reseller/tenant/{codeName}/connection": {
      post: rop("createTenantConnection", "Create an API connection for an external integration", { parameters: [codeName], body: "ResellerConnectionCreate", responses: { "201": jsonBody(ref("ResellerConnection"), "Created"), "422": invalid } }),
    },
    "/reseller/tenant/{codeName}/login-url": {
      post: rop("createLoginUrl", "A single-use sign-in link for a tenant user", { parameters: [codeName], body: "ResellerLoginUrlCreate", responses: { "200": jsonBody(ref("ResellerLoginUrl")), "422": invalid } }),
    },
  };
}

/** Two object schemas as one closed object: properties and required lists united. */
function mergeObjects(a: Json, b: Json): Json {
  const props = { ...((a.properties as Json) ?? {}), ...((b.properties as Json) ?? {}) };
  const required = [...new Set([...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])])];
  return { type: "object", properties: props, ...(required.length ? { required } : {}), additionalProperties: false };
}

let cached: Json | undefined;

export function buildOpenApiDocument(): Json {
  if (cached) return cached;
  const schemas: Record<string, Json> = {
    Problem: jsonSchema(problemSchema, "output"),
    ApiRoot: jsonSchema(apiRootSchema, "output"),
    Connection: jsonSchema(connectionSchema, "output"),
    LogEvents: jsonSchema(logEventsBody),
    LogEvent: jsonSchema(logEventOutSchema, "output"),
    TransferReport: jsonSchema(transferReportSchema, "output"),
    TransferReportDetail: jsonSchema(transferReportDetailSchema, "output"),
    ManipulatorChainLinks: jsonSchema(chainBodySchema),
    ManipulatorChain: jsonSchema(chainSchema, "output"),
    ManipulatorPreviewRequest: jsonSchema(previewBodySchema),
    ManipulatorPreview: jsonSchema(previewSchema, "output"),
    AutoInvoiceSettings: jsonSchema(autoInvoice.settingsSchema, "output"),
    AutoInvoiceSettingsUpdate: jsonSchema(autoInvoice.settingsBodySchema),
    AutoInvoiceRecheckRequest: jsonSchema(autoInvoice.recheckBodySchema),
    AutoInvoiceRecheck: jsonSchema(autoInvoice.recheckSchema, "output"),
    AutoInvoiceRule: jsonSchema(autoInvoice.ruleSchema, "output"),
    AutoInvoiceRuleCreate: jsonSchema(autoInvoice.ruleBodySchema),
    AutoInvoiceRuleUpdate: jsonSchema(autoInvoice.ruleUpdateSchema),
    AutoInvoicePreviewRequest: jsonSchema(autoInvoice.previewBodySchema),
    AutoInvoicePreview: jsonSchema(autoInvoice.previewSchema, "output"),
    // A batch item's problem: as a response's, but the request id belongs to the whole batch.
    BatchProblem: (() => {
      const p = jsonSchema(problemSchema, "output") as { properties: Json; required: string[] };
      return { ...p, required: p.required.filter((r) => r !== "requestId") };
    })(),
  };
  let paths: Record<string, Json> = {
    "/api": { get: op("getApiRoot", "Tenant", "Who am I: tenant and default language", { responses: { "200": jsonBody(ref("ApiRoot")) } }) },
    "/api/connection": {
      get: op("listConnections", "Tenant", "The tenant's connections with each plug's latest transfers (read-only, never settings)", { responses: { "200": jsonBody({ type: "array", items: ref("Connection") }) } }),
    },
    "/api/transferReport": {
      get: op("listTransferReports", "Tenant", "Transfer reports of plug runs (read-only delta list)", {
        description: "Reports in (lastModified, id) order from `modifiedAtOrAfter`; a running report comes back with new counts until it ends. Follow the Link header like record lists.",
        parameters: queryParams(listRecordsQuery),
        responses: { "200": { ...jsonBody({ type: "array", items: ref("TransferReport") }), headers: { Link: { description: 'Next page: `<…>; rel="next"`.', schema: { type: "string" } } } }, "422": problem("Invalid query.") },
      }),
    },
    "/api/transferReport/{id}": {
      get: op("getTransferReport", "Tenant", "One transfer report with its per-record outcomes", {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, ...queryParams(transferOutcomesQuery)],
        responses: { "200": jsonBody(ref("TransferReportDetail")), "404": problem("No such report in this tenant."), "422": problem("Invalid query.") },
      }),
    },
    ...manipulatorPaths(),
    ...autoInvoicePaths(),
    "/api/logEvent": {
      get: op("listLogEvents", "Tenant", "The event history (read-only delta list)", {
        description: "Events in (created, id) order from `modifiedAtOrAfter`; follow the Link header like record lists.",
        parameters: queryParams(listRecordsQuery),
        responses: { "200": { ...jsonBody({ type: "array", items: ref("LogEvent") }), headers: { Link: { description: 'Next page: `<…>; rel="next"`.', schema: { type: "string" } } } }, "422": problem("Invalid query.") },
      }),
    },
    "/api/log/event": {
      post: op("createLogEvents", "Tenant", "Report events to the tenant's event history", {
        requestBody: { required: true, content: { "application/json": { schema: ref("LogEvents") } } },
        responses: { "201": jsonBody({ type: "array", items: { type: "object", properties: { id: { type: "string" } } } }, "Created"), "422": problem("Validation failed; see errors[].") },
      }),
    },
  };
  Object.assign(schemas, resellerSchemas());
  paths = { ...paths, ...resellerPaths() };
  for (const type of recordTypes) {
    const T = typeName(type);
    const data = jsonSchema(dataSchema(type));
    // One closed object per shape: allOf of two closed schemas would accept nothing.
    schemas[T] = mergeObjects(jsonSchema(recordCommonSchema, "output"), data);
    schemas[`${T}Create`] = mergeObjects(jsonSchema(recordWritableCommonSchema), data);
    schemas[`${T}Update`] = { ...mergeObjects(jsonSchema(recordWritableCommonSchema), data), required: [] };
    schemas[`${T}BatchResult`] = {
      type: "object",
      required: ["index", "status"],
      properties: {
        index: { type: "integer", description: "Position of the item in the request." },
        status: { enum: ["created", "updated", "unchanged", "error"] },
        localId: { type: "string" },
        record: ref(T),
        problem: ref("BatchProblem"),
      },
    };
    paths = { ...paths, ...recordPaths(type) };
  }
  // Every POST of both APIs honours Idempotency-Key (lib/api/idempotency.ts).
  for (const item of Object.values(paths) as { post?: { parameters?: Json[] } }[]) {
    if (item.post) item.post.parameters = [...(item.post.parameters ?? []), { $ref: "#/components/parameters/IdempotencyKey" }];
  }
  cached = {
    openapi: "3.1.0",
    info: {
      title: "Crossdock API",
      version: "1.0.0",
      description:
        "The Tenant API (records, delta sync, connections, events; Sharespine-compatible shape) and the Reseller API. Errors are RFC 9457 problem+json. Every number is a JSON string.",
      license: { name: "Proprietary", identifier: "LicenseRef-Crossdock" },
    },
    servers: [{ url: "/" }],
    tags: [
      { name: "Tenant", description: "Tenant API basics." },
      ...recordTypes.map((t) => ({ name: `${typeName(t)} records`, description: `The ${t} record type.` })),
      { name: "Manipulators", description: "Manipulator chains of native connections' plugs: read, replace, preview." },
      { name: "Auto Invoice", description: "Rules that turn orders into invoices: list, create, change, preview." },
      { name: "Reseller", description: "Reseller API: tenants, their users, API connections and sign-in links." },
    ],
    paths,
    components: {
      securitySchemes: {
        tenantBasic: { type: "http", scheme: "basic", description: "Login (email) and password of a tenant user with API access." },
        resellerBasic: { type: "http", scheme: "basic", description: "Login and secret of a reseller API credential." },
      },
      parameters: {
        XReseller: { name: "X-Reseller", in: "header", required: true, description: "The reseller's code name.", schema: { type: "string" } },
        XTenant: { name: "X-Tenant", in: "header", required: true, description: "The tenant's code name.", schema: { type: "string" } },
        IdempotencyKey: { name: "Idempotency-Key", in: "header", required: false, description: "Same key and body within 24 h replays the first response (header Idempotent-Replayed: true); another body → 422.", schema: { type: "string", maxLength: 255 } },
        XConnectionId: { name: "X-ConnectionId", in: "header", required: true, description: "Id of an active API connection of that tenant (con_…).", schema: { type: "string" } },
      },
      schemas,
    },
  };
  return cached;
}
