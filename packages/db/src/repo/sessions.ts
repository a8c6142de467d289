import { and, desc, eq, inArray, sql } from "drizzle-orm";

import type { Db } from "../db";
import { uploadSessions, type UploadSessionInsert, type UploadSessionRow } from "../schema";
import { LIVE_STATUSES, type SessionStatus } from "../values";
import { afterCursor, toPage, type Page } from "./cursor";

/** Inserts a new session and returns it with its defaults filled in. */
export async function insertSession(db: Db, row: UploadSessionInsert): Promise<UploadSessionRow> {
  const [inserted] = await db.insert(uploadSessions).values(row).returning();
  if (!inserted) throw new Error("insert into upload_sessions returned no row");
  return inserted;
}

/** The session by id, or undefined; for internal callers (sweeper) that act for no particular user. */
export async function getSession(db: Db, id: string): Promise<UploadSessionRow | undefined> {
  const [row] = await db.select().from(uploadSessions).where(eq(uploadSessions.id, id));
  return row;
}

/** The session if it exists and belongs to `userId`; another user's session looks exactly like a missing one. */
export async function getSessionForUser(db: Db, id: string, userId: string): Promise<UploadSessionRow | undefined> {
  const [row] = await db
    .select()
    .from(uploadSessions)
    .where(and(eq(uploadSessions.id, id), eq(uploadSessions.userId, userId)));
  return row;
}

/** Filters and page size for `listSessionsForUser`. */
export interface ListSessionsOptions {
  status?: SessionStatus;
  cursor?: string;
  limit: number;
}

/** The user's sessions, newest first, keyset-paged by (created_at, id). */
export async function listSessionsForUser(
  db: Db,
  userId: string,
  opts: ListSessionsOptions,
): Promise<Page<UploadSessionRow>> {
  const t = uploadSessions;
  const rows = await db
    .select()
    .from(t)
    .where(
      and(
        eq(t.userId, userId),
        opts.status === undefined ? undefined : eq(t.status, opts.status),
        afterCursor(t.createdAt, t.id, opts.cursor),
      ),
    )
    .orderBy(desc(t.createdAt), desc(t.id))
    .limit(opts.limit + 1);
  return toPage(rows, opts.limit);
}

/**
 * Compare-and-set on status: moves the session to `to` only if it is currently in `from`. Concurrent callers
 * racing for the same transition get exactly one row back between them; the losers get undefined.
 */
export async function transitionStatus(
  db: Db,
  id: string,
  from: SessionStatus | readonly SessionStatus[],
  to: SessionStatus,
): Promise<UploadSessionRow | undefined> {
  const fromList: SessionStatus[] = typeof from === "string" ? [from] : [...from];
  const [row] = await db
    .update(uploadSessions)
    .set({ status: to, updatedAt: sql`now()` })
    .where(and(eq(uploadSessions.id, id), inArray(uploadSessions.status, fromList)))
    .returning();
  return row;
}

/**
 * Which of these S3 multipart upload ids still belong to a live session. The sweeper lists the bucket's
 * multipart uploads and aborts the ones not returned here (orphans).
 */
export async function listLiveMultipartIds(db: Db, s3UploadIds: readonly string[]): Promise<string[]> {
  if (s3UploadIds.length === 0) return [];
  const t = uploadSessions;
  const rows = await db
    .selectDistinct({ s3UploadId: t.s3UploadId })
    .from(t)
    .where(and(inArray(t.s3UploadId, [...s3UploadIds]), inArray(t.status, [...LIVE_STATUSES])));
  return rows.flatMap((r) => (r.s3UploadId === null ? [] : [r.s3UploadId]));
}

/** Records the S3 multipart upload id of a session created before its upload existed in storage. */
export async function setS3UploadId(db: Db, id: string, s3UploadId: string): Promise<UploadSessionRow | undefined> {
  const [row] = await db.update(uploadSessions).set({ s3UploadId }).where(eq(uploadSessions.id, id)).returning();
  return row;
}

/** Deletes a session row that never reached the caller (its create failed after the insert). */
export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(uploadSessions).where(eq(uploadSessions.id, id));
}
