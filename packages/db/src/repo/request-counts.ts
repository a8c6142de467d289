import { lt, sql } from "drizzle-orm";

import type { Db } from "../db";
import { requestCounts } from "../schema";

/**
 * Counts one request of `userId` in the window starting at `windowStart` and returns the window's count so far,
 * this request included. One atomic upsert: concurrent calls on any number of instances each get their own count.
 */
export async function countRequest(db: Db, userId: string, windowStart: Date): Promise<number> {
  const [row] = await db
    .insert(requestCounts)
    .values({ userId, windowStart, count: 1 })
    .onConflictDoUpdate({
      target: [requestCounts.userId, requestCounts.windowStart],
      set: { count: sql`${requestCounts.count} + 1` },
    })
    .returning({ count: requestCounts.count });
  if (!row) throw new Error("upsert into request_counts returned no row");
  return row.count;
}

/** Deletes the counts of windows that started before `before` (all users); returns how many rows went. */
export async function pruneRequestCounts(db: Db, before: Date): Promise<number> {
  const rows = await db
    .delete(requestCounts)
    .where(lt(requestCounts.windowStart, before))
    .returning({ userId: requestCounts.userId });
  return rows.length;
}
