export * from "./accounts";
export * from "./tenants";
export * from "./audit";
