/**
 * `@hoist/contract/core`: the zod-free half of the contract (S3 limits, session enums, part planning, error
 * codes, sizes), for code that must stay small, such as the browser upload engine. Everything here is also
 * exported from the package index, together with the zod schemas of the procedures.
 */
export * from "./enums.js";
export * from "./errors.js";
export * from "./limits.js";
export * from "./part-range.js";
export * from "./plan-parts.js";
export * from "./session-plan.js";
export * from "./size.js";
