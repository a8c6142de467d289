import { sql } from "drizzle-orm";

import type { Db } from "../db";

/** One round trip (`select 1`): rejects when the database cannot be reached or was closed. For readiness probes. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
