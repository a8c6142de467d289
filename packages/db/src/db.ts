import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";

import type { ListenHandlers, Listener } from "./listen";
import type * as schema from "./schema";

/**
 * What every repository function takes: the common supertype of the PGlite and node-postgres databases and of
 * their transactions, so the same code runs on both drivers and inside `db.transaction`.
 */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

/** An open database: the drizzle handle, which driver backs it, and how to release it. */
export interface HoistDb {
  readonly db: Db;
  readonly dialect: "pglite" | "postgres";
  /**
   * LISTENs on `channel`: Postgres over one dedicated connection, reopened after it drops; PGlite on its own.
   * Close the listener before the database.
   */
  listen(channel: string, handlers: ListenHandlers): Promise<Listener>;
  /** Ends the pool or closes PGlite; the handle must not be used afterwards. */
  close(): Promise<void>;
}
