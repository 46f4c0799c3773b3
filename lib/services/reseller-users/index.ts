// Reseller users: one file per verb.
export * from "./list";
export * from "./create";
export * from "./update";
export * from "./set-active";
