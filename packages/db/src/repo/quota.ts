import { and, eq, gt, inArray, or, sql } from "drizzle-orm";

import type { Db } from "../db";
import { files, uploadSessions, type UploadSessionInsert, type UploadSessionRow } from "../schema";
import { LIVE_STATUSES } from "../values";

/** Per-user limits checked by {@link insertSessionWithinQuota}; an absent limit is not checked. */
export interface SessionQuota {
  /** Most sessions `uploading` (and not past their expiry) the user may hold, this one included. */
  maxOpen?: number;
  /** Most bytes of the user's files plus live sessions' declared sizes, this one included. */
  maxBytes?: number;
  /** Sessions whose `expires_at` is not after this no longer count as open. */
  now: Date;
}

/** The session was recorded, or which quota refused it with what the user already holds. */
export type QuotaResult =
  | { ok: true; row: UploadSessionRow }
  | { ok: false; quota: "open"; open: number }
  | { ok: false; quota: "bytes"; usedBytes: number };

// First key of the two-int advisory lock space: apart from single-bigint locks such as the migration lock.
const QUOTA_LOCK_SPACE = 0x486f6973; // "Hois"

const t = uploadSessions;

async function openSessions(db: Db, userId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(t)
    .where(and(eq(t.userId, userId), eq(t.status, "uploading"), gt(t.expiresAt, now)));
  return row?.n ?? 0;
}

/** Bytes of the user's files plus those reserved by live sessions (a `completing` one counts until it is a file). */
async function usedBytes(db: Db, userId: string, now: Date): Promise<number> {
  const live = and(
    eq(t.userId, userId),
    inArray(t.status, [...LIVE_STATUSES]),
    or(eq(t.status, "completing"), gt(t.expiresAt, now)),
  );
  // sum() of bigint is numeric, which the drivers hand back as a string.
  const [stored] = await db.select({ n: sql<string>`coalesce(sum(${files.size}), 0)::text` }).from(files).where(eq(files.userId, userId));
  const [reserved] = await db.select({ n: sql<string>`coalesce(sum(${t.size}), 0)::text` }).from(t).where(live);
  return Number(stored?.n ?? 0) + Number(reserved?.n ?? 0);
}

/**
 * Inserts the session only if the user stays within `quota` with it. The check and the insert run in one
 * transaction under a per-user advisory lock, so concurrent creates on any number of instances cannot pass the
 * quota together; other users are never blocked.
 */
export async function insertSessionWithinQuota(db: Db, row: UploadSessionInsert, quota: SessionQuota): Promise<QuotaResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${QUOTA_LOCK_SPACE}, hashtext(${row.userId}))`);
    if (quota.maxOpen !== undefined) {
      const open = await openSessions(tx, row.userId, quota.now);
      if (open + 1 > quota.maxOpen) return { ok: false, quota: "open", open };
    }
    if (quota.maxBytes !== undefined) {
      const used = await usedBytes(tx, row.userId, quota.now);
      if (used + row.size > quota.maxBytes) return { ok: false, quota: "bytes", usedBytes: used };
    }
    const [inserted] = await tx.insert(t).values(row).returning();
    if (!inserted) throw new Error("insert into upload_sessions returned no row");
    return { ok: true, row: inserted };
  });
}
