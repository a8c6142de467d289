import type { HoistDb } from "../db";
import { openDb } from "../open-db";
import { startPostgres, type PostgresServer } from "./postgres";

/** The drivers every repository test runs on. */
export const DIALECTS = ["pglite", "postgres"] as const;

/** One per test file: a migrated database, plus the Postgres server when there is one. */
export interface TestDb {
  hoist: HoistDb;
  /** Set for the postgres dialect: open more instances on `server.url`, or fresh databases. */
  server?: PostgresServer;
  /** Closes the database and stops the server. */
  stop: () => Promise<void>;
}

/** Opens a fresh, migrated database: PGlite in memory, or a throwaway Postgres from `startPostgres`. */
export async function openTestDb(dialect: HoistDb["dialect"]): Promise<TestDb> {
  if (dialect === "pglite") {
    const hoist = await openDb({ memory: true });
    return { hoist, stop: () => hoist.close() };
  }
  const server = await startPostgres();
  try {
    const hoist = await openDb({ url: server.url });
    const stop = async () => {
      await hoist.close();
      await server.stop();
    };
    return { hoist, server, stop };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
