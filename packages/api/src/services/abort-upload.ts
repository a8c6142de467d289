import { HoistError } from "@hoist/contract";
import { transitionStatus } from "@hoist/db";
import type { SessionStatus, UploadSessionRow } from "@hoist/db";
import { abortMultipart, deleteObject } from "@hoist/s3-core";
import type { AuthUser } from "../auth";
import type { ApiDeps } from "../context";
import { requireSession, s3UploadIdOf } from "./session-access";

/**
 * Frees what storage holds for an unfinished session: the multipart upload's parts, or a single PUT's object
 * (not yet verified, so not yet anyone's file). Safe to repeat.
 */
export async function releaseStorage(deps: ApiDeps, session: UploadSessionRow): Promise<void> {
  const { client, bucket, profile } = deps.storage;
  if (session.strategy === "multipart") {
    await abortMultipart(client, { bucket, key: session.key, uploadId: s3UploadIdOf(session), profile });
  } else {
    await deleteObject(client, { bucket, key: session.key });
  }
}

/** Ends an unfinished session as `to` (aborted by its owner, expired by the sweeper); false if it had finished. */
export async function endSession(deps: ApiDeps, session: UploadSessionRow, to: SessionStatus): Promise<boolean> {
  const ended = await transitionStatus(deps.db, session.id, ["uploading", "completing"], to);
  if (ended === undefined) return false;
  await releaseStorage(deps, session);
  return true;
}

/** `upload.abort`: stops the upload and frees its parts in storage. Aborting twice is fine; a completed upload stays. */
export async function abortUpload(deps: ApiDeps, user: AuthUser, uploadId: string): Promise<{ status: "aborted" }> {
  const session = await requireSession(deps, user, uploadId);
  if (session.status === "aborted" || session.status === "expired") {
    await releaseStorage(deps, session);
    return { status: "aborted" };
  }
  if (!(await endSession(deps, session, "aborted"))) {
    throw new HoistError("NOT_UPLOADING", `upload ${uploadId} is already complete; delete the file instead`);
  }
  return { status: "aborted" };
}
