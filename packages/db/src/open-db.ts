import { mkdir } from "node:fs/promises";

import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { Pool } from "pg";

import type { HoistDb } from "./db";
import { listenPglite, listenPostgres } from "./listen";
import { migratePgliteDb, migratePostgres } from "./migrate";
import { initPgliteDir, leanPgliteOptions, preferLiftoff } from "./pglite-lean";
import * as schema from "./schema";
import { tagConnectFailures } from "./unavailable";

/** Where the data lives: a Postgres server, a PGlite directory, or PGlite in memory (tests). */
export interface OpenDbOptions {
  /** `postgres://...`; when set, `dataDir` and `memory` are ignored. */
  url?: string;
  /** Directory for embedded PGlite data; created when missing. */
  dataDir?: string;
  /** Embedded PGlite without persistence. */
  memory?: boolean;
  /**
   * Called when an idle pooled Postgres connection fails (server restart, admin kill). The pool has already
   * dropped that connection and opens a new one on demand; this is only for logging.
   */
  onIdleError?: (err: Error) => void;
}

/**
 * Opens the database and applies pending migrations before returning. Refuses to guess a location: silently
 * falling back to memory would lose uploads on restart.
 */
export async function openDb(opts: OpenDbOptions): Promise<HoistDb> {
  if (opts.url) return openPostgres(opts.url, opts.onIdleError);
  if (opts.dataDir !== undefined) {
    // PGlite creates only the last path segment; a fresh `.hoist-data/db` would otherwise fail with ENOENT.
    await mkdir(opts.dataDir, { recursive: true });
    preferLiftoff();
    await initPgliteDir(opts.dataDir);
    return openPglite(new PGlite(opts.dataDir, leanPgliteOptions));
  }
  if (opts.memory) return openPglite(new PGlite(leanPgliteOptions));
  throw new Error("openDb needs one of: url (Postgres), dataDir (embedded PGlite) or memory: true");
}

async function openPostgres(url: string, onIdleError?: (err: Error) => void): Promise<HoistDb> {
  const pool = new Pool({ connectionString: url });
  // Without a listener, pg re-throws an idle connection's error as an uncaught exception and kills the process.
  pool.on("error", (err) => onIdleError?.(err));
  tagConnectFailures(pool);
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return {
    db: drizzlePg({ client: pool, schema }),
    dialect: "postgres",
    listen: (channel, handlers) => Promise.resolve(listenPostgres(url, channel, handlers)),
    close: () => pool.end(),
  };
}

async function openPglite(client: PGlite): Promise<HoistDb> {
  const db = drizzlePglite({ client, schema });
  try {
    await migratePgliteDb(db);
  } catch (err) {
    await client.close();
    throw err;
  }
  return { db, dialect: "pglite", listen: (channel, handlers) => listenPglite(client, channel, handlers), close: () => client.close() };
}
