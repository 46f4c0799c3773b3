/**
 * Manipulators: the library of record changes, chains of them per connection, direction and
 * record type, and the runner (see types.ts for the contract with the services and pipelines).
 */
export { compileChain, validateChain, MAX_CHAIN_LINKS, type ChainOptions } from "./chain";
export { manipulatorByKey, manipulatorLibrary } from "./library";
export { defineManipulator, SettingsError, StepError, type LinkOutcome, type ManipulatorDefinition, type PrepareOptions, type PreparedLink } from "./define";
export { stripHtml } from "./html";
export type { ChainLink, ChainResult, CompiledChain, Condition, Direction, ManipulatorContext, Match, StepResult } from "./types";
