export type { Db, HoistDb } from "./db";
export { openDb, type OpenDbOptions } from "./open-db";
export * from "./schema";
export * from "./values";
export { InvalidCursorError, type Page } from "./repo/cursor";
export * from "./repo/sessions";
export * from "./repo/files";
export * from "./repo/complete-session";
