// Tenant templates: a reseller's presets for new tenants; one file per verb.
export * from "./list";
export * from "./get";
export * from "./create";
export * from "./update";
export * from "./delete";
