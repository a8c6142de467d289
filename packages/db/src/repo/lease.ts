import { and, asc, eq, inArray, isNull, lt, lte, or, sql, type SQL } from "drizzle-orm";

import type { Db } from "../db";
import { uploadSessions, type UploadSessionRow } from "../schema";
import type { SessionStatus } from "../values";

const t = uploadSessions;

/**
 * Sessions nobody is completing at `now`: `uploading`, or `completing` with a lease that ran out (the complete
 * that claimed it crashed or stalled). A row from before leases existed (no lease) counts as run out.
 */
function unleased(now: Date): SQL {
  const leaseOver = or(isNull(t.leaseExpiresAt), lte(t.leaseExpiresAt, now));
  return or(eq(t.status, "uploading"), and(eq(t.status, "completing"), leaseOver)) as SQL;
}

/**
 * Compare-and-set into `completing` with a lease until `leaseUntil`: from `uploading`, or from `completing` (a
 * retried complete takes over and renews the lease). Undefined when the session is in neither state.
 */
export async function claimCompleting(db: Db, id: string, leaseUntil: Date): Promise<UploadSessionRow | undefined> {
  const [row] = await db
    .update(t)
    .set({ status: "completing", leaseExpiresAt: leaseUntil, updatedAt: sql`now()` })
    .where(and(eq(t.id, id), inArray(t.status, ["uploading", "completing"])))
    .returning();
  return row;
}

/** When {@link endUnleasedSession} may end a session: any time, or only once its expiry passed. */
export interface EndSessionCondition {
  now: Date;
  /** Only if `expires_at` is before `now` (the sweeper's condition, checked again in the same statement). */
  expiredOnly?: boolean;
}

/**
 * Compare-and-set from a live, unleased state (see `unleased`) to `to`: a complete holding its lease is never
 * ended under it. Undefined when the session is finished, leased or (with `expiredOnly`) not yet expired.
 */
export async function endUnleasedSession(
  db: Db,
  id: string,
  to: SessionStatus,
  when: EndSessionCondition,
): Promise<UploadSessionRow | undefined> {
  const [row] = await db
    .update(t)
    .set({ status: to, leaseExpiresAt: null, updatedAt: sql`now()` })
    .where(and(eq(t.id, id), unleased(when.now), when.expiredOnly ? lt(t.expiresAt, when.now) : undefined))
    .returning();
  return row;
}

/** Sessions past their deadline that nobody is completing at `now`, oldest deadline first: the sweeper's work. */
export async function listExpiredSessions(db: Db, now: Date, limit: number): Promise<UploadSessionRow[]> {
  return db
    .select()
    .from(t)
    .where(and(unleased(now), lt(t.expiresAt, now)))
    .orderBy(asc(t.expiresAt), asc(t.id))
    .limit(limit);
}
