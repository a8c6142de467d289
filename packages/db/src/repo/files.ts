import { and, desc, eq } from "drizzle-orm";

import type { Db } from "../db";
import { files, type FileRow } from "../schema";
import { afterCursor, toPage, type Page } from "./cursor";

/** The file if it exists and belongs to `userId`; another user's file looks exactly like a missing one. */
export async function getFileForUser(db: Db, id: string, userId: string): Promise<FileRow | undefined> {
  const [row] = await db
    .select()
    .from(files)
    .where(and(eq(files.id, id), eq(files.userId, userId)));
  return row;
}

/** The file an upload session produced, or undefined if it has not completed (or the file was deleted). */
export async function getFileBySession(db: Db, sessionId: string): Promise<FileRow | undefined> {
  const [row] = await db.select().from(files).where(eq(files.sessionId, sessionId));
  return row;
}

/** Cursor and page size for `listFilesForUser`. */
export interface ListFilesOptions {
  cursor?: string;
  limit: number;
}

/** The user's files, newest first, keyset-paged by (created_at, id). */
export async function listFilesForUser(db: Db, userId: string, opts: ListFilesOptions): Promise<Page<FileRow>> {
  const rows = await db
    .select()
    .from(files)
    .where(and(eq(files.userId, userId), afterCursor(files.createdAt, files.id, opts.cursor)))
    .orderBy(desc(files.createdAt), desc(files.id))
    .limit(opts.limit + 1);
  return toPage(rows, opts.limit);
}

/** Deletes the user's file row (not the object in storage); returns the deleted row or undefined. */
export async function deleteFileForUser(db: Db, id: string, userId: string): Promise<FileRow | undefined> {
  const [row] = await db
    .delete(files)
    .where(and(eq(files.id, id), eq(files.userId, userId)))
    .returning();
  return row;
}
