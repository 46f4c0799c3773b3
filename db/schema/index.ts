export * from "./accounts";
export * from "./tenants";
export * from "./audit";
export * from "./records";
export * from "./api";
export * from "./plugs";
export * from "./manipulators";
export * from "./auto-invoice";
