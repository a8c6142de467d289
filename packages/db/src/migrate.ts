import { fileURLToPath } from "node:url";

import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { Pool } from "pg";

/** Resolved from this file, not the cwd, so the server, CLI and tests all find the same SQL. */
const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

/** Arbitrary but fixed: every Hoist instance must contend for the same advisory lock. */
const MIGRATION_LOCK_KEY = 0x4f157_d8;

/** Applies pending migrations to a PGlite database (single connection, so nothing to race with). */
export async function migratePgliteDb(db: PgliteDatabase<Record<string, unknown>>): Promise<void> {
  await migratePglite(db, { migrationsFolder });
}

/**
 * Applies pending migrations to Postgres under a session advisory lock. drizzle's migrator creates its schema
 * and table and reads the last applied migration outside its transaction, so two instances starting at once
 * would both try to apply the same migration; the lock makes the second wait and then find nothing to do.
 */
export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg({ client }), { migrationsFolder });
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    client.release();
  } catch (err) {
    // Destroying the connection drops its session lock too, even if the failure left the connection unusable.
    client.release(true);
    throw err;
  }
}
