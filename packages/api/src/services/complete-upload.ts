import { HoistError, isHoistError } from "@hoist/contract";
import type { CompleteUploadInput, CompleteUploadOutput } from "@hoist/contract";
import { claimCompleting, completeSession, getFileBySession, getSession, transitionStatus } from "@hoist/db";
import type { UploadSessionRow } from "@hoist/db";
import type { AuthUser } from "../auth";
import type { ApiDeps } from "../context";
import { notFound } from "../errors";
import { resolveStoredRoute } from "../routes";
import { releaseStorage } from "./abort-upload";
import { assembleObject, inspectObject } from "./verify-upload";
import { toFileRecord } from "./records";
import { checkCompleteChecksum } from "./whole-checksum";
import { requireSession, requireUploading } from "./session-access";

async function recordedFile(deps: ApiDeps, session: UploadSessionRow): Promise<CompleteUploadOutput> {
  const file = await getFileBySession(deps.db, session.id);
  // Completed, then the file was deleted: the upload is over and its file gone.
  if (file === undefined) throw notFound("file", session.id);
  return { file: toFileRecord(file) };
}

/**
 * Moves the session to `completing` by compare-and-set, with a lease: until it runs out neither the sweeper nor
 * `upload.abort` ends the session under this call. A session already `completing` is taken over (lease renewed):
 * the call that set it may have crashed, and every step after this point is safe to repeat.
 */
async function claim(deps: ApiDeps, session: UploadSessionRow): Promise<UploadSessionRow | "complete"> {
  if (session.status === "complete") return "complete";
  if (session.status === "uploading") requireUploading(deps, session);
  else if (session.status !== "completing") {
    throw new HoistError("NOT_UPLOADING", `upload ${session.id} is ${session.status}; it cannot be completed`);
  }
  const leaseUntil = new Date(deps.options.now().getTime() + deps.options.completeLeaseSeconds * 1000);
  const claimed = await claimCompleting(deps.db, session.id, leaseUntil);
  if (claimed !== undefined) return claimed;
  const now = await requireSession(deps, { id: session.userId }, session.id);
  if (now.status === "complete") return "complete";
  throw new HoistError("NOT_UPLOADING", `upload ${session.id} is ${now.status}; it cannot be completed`);
}

/**
 * The session was ended (expired by the sweeper once this call outlived its lease, or aborted then) while this
 * call worked on it: what it assembled is no one's file, so it goes, and the client is told to start again.
 * Returns quietly when the session was not ended, so the caller reports its own failure.
 */
async function ifLost(deps: ApiDeps, session: UploadSessionRow): Promise<void> {
  const status = (await getSession(deps.db, session.id))?.status;
  if (status !== "expired" && status !== "aborted") return;
  await releaseStorage(deps, session);
  throw new HoistError("NOT_UPLOADING", `upload ${session.id} ${status} while it was being completed; start a new upload`);
}

/**
 * Runs `step`; when it rejects the upload (a `HoistError`) moves the session to `status` and rethrows. Any other
 * failure (storage or database unreachable) leaves it `completing`, so the same complete can simply be retried.
 * Either way, a session ended under this call is reported as such (see {@link ifLost}).
 */
async function orRevert<T>(deps: ApiDeps, session: UploadSessionRow, status: "uploading" | "aborted", step: () => Promise<T>) {
  try {
    return await step();
  } catch (error) {
    // Lost first: a failure or a verdict (the object vanished) seen after the session ended under this call.
    await ifLost(deps, session);
    if (!isHoistError(error)) throw error;
    deps.observe?.uploadFailed(session.route, error.hoistCode);
    await transitionStatus(deps.db, session.id, "completing", status).catch((e: unknown) => {
      deps.log.error({ err: e }, `could not move the upload back to ${status}`);
    });
    throw error;
  }
}

/**
 * `upload.complete`: checks storage's part list against the plan, completes from the server's own list, checks
 * the object's size, sniffed type and whole-file checksum, then records the file. Idempotent: a repeated call returns the same record.
 * A bad part list leaves the session resumable; a bad object is deleted and (for multipart) the session aborted.
 */
export async function completeUpload(deps: ApiDeps, user: AuthUser, input: CompleteUploadInput): Promise<CompleteUploadOutput> {
  const found = await requireSession(deps, user, input.uploadId);
  // Before the claim: a refused caller leaves the session exactly as it was.
  const route = resolveStoredRoute(deps.routes, found.route, user);
  checkCompleteChecksum(found, input.checksum);
  const session = await claim(deps, found);
  if (session === "complete") return recordedFile(deps, found);
  const assembled = await orRevert(deps, session, "uploading", () => assembleObject(deps, session, input));
  const afterBadObject = session.strategy === "multipart" ? "aborted" : "uploading";
  const checksum = await orRevert(deps, session, afterBadObject, () => inspectObject(deps, session, route, assembled, input.checksum));
  const now = deps.options.now();
  const { name, type, key } = session;
  // What the parts add up to: the declared size, or a stream's real size (its session held the maximum).
  const size = assembled.expected;
  const file = await completeSession(deps.db, {
    sessionId: session.id,
    file: { id: session.id, userId: session.userId, name, size, type, route: session.route, key, etag: assembled.etag, ...checksum, createdAt: session.createdAt, completedAt: now },
    // Recorded in the same transaction: the outbox of files.onCompleted.
    event: toFileRecord,
  });
  if (file === undefined) {
    await ifLost(deps, session);
    throw new HoistError("NOT_UPLOADING", `upload ${session.id} left the completing state while being completed`);
  }
  const record = toFileRecord(file);
  deps.observe?.uploadCompleted(session.route, size);
  await Promise.resolve(route.onComplete?.(record, { user })).catch((error: unknown) => {
    deps.log.error({ err: error }, `onComplete hook of route ${route.name} failed`);
  });
  return { file: record };
}
