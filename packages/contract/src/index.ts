/**
 * @hoist/contract: the public contract of Hoist. Schemas of every procedure, S3 limits, part planning and error
 * codes. Pure: no I/O, safe to import from browsers, servers and CLIs alike. `@hoist/contract/core` is the
 * zod-free part (limits, planning, codes) for bundles that must stay small.
 */
export * from "./core.js";
export * from "./file-name.js";
export * from "./mime.js";
export * from "./schemas/common.js";
export * from "./schemas/events.js";
export * from "./schemas/files.js";
export * from "./schemas/hoist-code.js";
export * from "./schemas/parts.js";
export * from "./schemas/procedures.js";
export * from "./schemas/upload.js";
