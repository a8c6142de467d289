import { HoistError } from "@hoist/contract";
import type { AbortUploadOutput, UploadIdInput } from "@hoist/contract";
import { endUnleasedSession } from "@hoist/db";
import type { SessionStatus, UploadSessionRow } from "@hoist/db";
import type { AuthUser } from "../auth";
import type { ApiDeps } from "../context";
import { requireSession, s3UploadIdOf } from "./session-access";

/**
 * Frees what storage holds for a session that did not become a file: the multipart upload's parts and the
 * object at its key (a single PUT's, or one a crashed complete assembled). The key was made for this session
 * alone and no file records it, so the object is nobody's. Safe to repeat.
 */
export async function releaseStorage(deps: ApiDeps, session: UploadSessionRow): Promise<void> {
  // No upload id: its create stopped between recording the session and starting the upload; storage holds nothing.
  if (session.strategy === "multipart" && session.s3UploadId !== null) {
    await deps.storage.abortMultipart({ key: session.key, uploadId: s3UploadIdOf(session) });
  }
  await deps.storage.deleteObject(session.key);
}

/**
 * Ends an unfinished session as `to` (aborted by its owner, expired by the sweeper with `expiredOnly`) and frees
 * its storage; false if it had finished or a complete holds its lease.
 */
export async function endSession(deps: ApiDeps, session: UploadSessionRow, to: SessionStatus, expiredOnly = false): Promise<boolean> {
  const ended = await endUnleasedSession(deps.db, session.id, to, { now: deps.options.now(), expiredOnly });
  if (ended === undefined) return false;
  await releaseStorage(deps, session);
  return true;
}

/**
 * `upload.abort`: stops the upload and frees its parts in storage. Aborting twice is fine; a completed upload
 * stays, and so does one being completed (the complete holds a lease; it may be about to record the file).
 */
export async function abortUpload(
  deps: ApiDeps,
  user: AuthUser,
  { uploadId }: UploadIdInput,
): Promise<AbortUploadOutput> {
  const session = await requireSession(deps, user, uploadId);
  if (session.status === "aborted" || session.status === "expired") {
    await releaseStorage(deps, session);
    return { status: "aborted" };
  }
  if (await endSession(deps, session, "aborted")) return { status: "aborted" };
  const now = await requireSession(deps, user, uploadId);
  if (now.status === "aborted" || now.status === "expired") return { status: "aborted" };
  const advice = now.status === "complete" ? "delete the file instead" : "wait for upload.complete to answer";
  throw new HoistError("NOT_UPLOADING", `upload ${uploadId} is ${now.status}; ${advice}`);
}
