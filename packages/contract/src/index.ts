/**
 * @hoist/contract: the public contract of Hoist. Schemas of every procedure, S3 limits, part planning and error
 * codes. Pure: no I/O, safe to import from browsers, servers and CLIs alike.
 */
export * from "./errors.js";
export * from "./file-name.js";
export * from "./limits.js";
export * from "./mime.js";
export * from "./part-range.js";
export * from "./plan-parts.js";
export * from "./size.js";
export * from "./schemas/common.js";
export * from "./schemas/files.js";
export * from "./schemas/parts.js";
export * from "./schemas/procedures.js";
export * from "./schemas/upload.js";
