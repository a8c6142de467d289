import { HoistError } from "@hoist/contract";
import { getSessionForUser } from "@hoist/db";
import type { UploadSessionRow } from "@hoist/db";
import type { AuthUser } from "../auth";
import type { ApiDeps } from "../context";
import { notFound } from "../errors";

/** The caller's session, or `NOT_FOUND` (also for another user's id: both look the same from outside). */
export async function requireSession(deps: ApiDeps, user: AuthUser, uploadId: string): Promise<UploadSessionRow> {
  const session = await getSessionForUser(deps.db, uploadId, user.id);
  if (session === undefined) throw notFound("upload", uploadId);
  return session;
}

/** Fails unless the session still takes parts: `uploading` and not past its expiry. */
export function requireUploading(deps: ApiDeps, session: UploadSessionRow): void {
  if (session.status !== "uploading") {
    throw new HoistError("NOT_UPLOADING", `upload ${session.id} is ${session.status}; start a new upload`);
  }
  if (deps.options.now() > session.expiresAt) {
    throw new HoistError(
      "SESSION_EXPIRED",
      `upload ${session.id} expired at ${session.expiresAt.toISOString()}; start a new upload`,
    );
  }
}

/** The S3 multipart upload id of a multipart session; its absence is a server bug, not bad input. */
export function s3UploadIdOf(session: UploadSessionRow): string {
  if (session.s3UploadId === null) throw new Error(`session ${session.id} is multipart but has no S3 upload id`);
  return session.s3UploadId;
}
