import { eq } from "drizzle-orm";
import type { Db } from "../db";
import { files, uploadSessions, type FileInsert, type FileRow } from "../schema";
import { appendFileEvent } from "./file-events";
import { getFileBySession } from "./files";
import { transitionStatus } from "./sessions";

/** What `completeSession` records: the verified file, linked to its session by this call, and its event. */
export interface CompleteSessionInput {
  sessionId: string;
  file: Omit<FileInsert, "sessionId">;
  /** The `files.onCompleted` event's payload, built from the recorded row (the API's `FileRecord`); default the row. */
  event?: (file: FileRow) => unknown;
}

/**
 * Atomically moves a session from completing to complete, inserts its file row, links it and records its event
 * (the outbox of `files.onCompleted`: never a file without its event, nor an event without its file). If the session
 * is already complete (a retried `upload.complete`, or a concurrent one that won), returns the existing file
 * instead, so callers can treat completion as idempotent. Undefined when the session is neither completing
 * nor complete (missing, still uploading, aborted, expired).
 */
export async function completeSession(db: Db, input: CompleteSessionInput): Promise<FileRow | undefined> {
  return db.transaction(async (tx) => {
    const won = await transitionStatus(tx, input.sessionId, "completing", "complete");
    if (!won) return getFileBySession(tx, input.sessionId);
    const [file] = await tx
      .insert(files)
      .values({ ...input.file, sessionId: input.sessionId })
      .returning();
    if (!file) throw new Error("insert into files returned no row");
    // A stream's session held its maximum as `size` (quotas, plan); from now on it holds what was stored.
    if (won.maxSize !== null) {
      await tx.update(uploadSessions).set({ size: file.size }).where(eq(uploadSessions.id, won.id));
    }
    // Last, so the lock that keeps event ids in commit order is held as briefly as possible.
    await appendFileEvent(tx, { userId: file.userId, file: input.event?.(file) ?? file, createdAt: file.completedAt });
    return file;
  });
}
