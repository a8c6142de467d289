import { HoistError, isHoistError } from "@hoist/contract";
import type { CompleteUploadInput } from "@hoist/contract";
import type { UploadSessionRow } from "@hoist/db";
import { s3ErrorCode, sniffType, UploadNotFoundError, verifyParts } from "@hoist/s3-core";
import type { CompletedObject } from "@hoist/s3-core";
import type { ApiDeps } from "../context";
import type { RoutePolicy } from "../routes";
import { s3UploadIdOf } from "./session-access";
import { completionPlan } from "./stream-plan";
import { storageChecked, wholeChecksum } from "./whole-checksum";
import type { ChecksumFields } from "./whole-checksum";

const SNIFF_BYTES = 4096;

/** The assembled object (ETag and size from HeadObject) and the size its parts add up to. */
export type AssembledObject = CompletedObject & { expected: number };

/**
 * The object exists although the multipart upload is gone: an earlier complete finished in S3 but crashed before
 * it was recorded. Its size tells whether it is this upload's object.
 */
async function alreadyAssembled(deps: ApiDeps, session: UploadSessionRow, cause: unknown): Promise<AssembledObject> {
  const head = await deps.storage.headObject(session.key);
  // A stream's size was never declared: within its maximum is all that can be told.
  const fits = session.maxSize === null ? head?.size === session.size : head !== undefined && head.size <= session.maxSize;
  if (head?.etag !== undefined && fits) return { etag: head.etag, size: head.size, checksums: head.checksums, expected: head.size };
  throw new HoistError("PART_MISSING", `upload ${session.id} no longer exists in storage; start a new upload`, {
    cause,
  });
}

async function assembleMultipart(deps: ApiDeps, session: UploadSessionRow, input: CompleteUploadInput): Promise<AssembledObject> {
  const upload = { key: session.key, uploadId: s3UploadIdOf(session) };
  try {
    const listed = await deps.storage.collectParts(upload);
    const plan = completionPlan(session, listed);
    // The client's ETags (when sent) must match storage's: a mismatch means a part was replaced meanwhile.
    const verified = verifyParts(listed, plan, input.parts);
    if (!verified.ok) throw new HoistError(verified.hoistCode, verified.message);
    // Where storage checks the whole file's CRC64NVME, it refuses a wrong one here (CHECKSUM_MISMATCH): the
    // upload stays open in storage and the session resumable.
    const checksumCrc64nvme = storageChecked(deps, session, input.checksum);
    const completed = await deps.storage.completeMultipart({ ...upload, parts: verified.parts, ifNoneMatch: true, checksumCrc64nvme });
    return { ...completed, expected: plan.size };
  } catch (error) {
    if (error instanceof UploadNotFoundError || s3ErrorCode(error) === "PreconditionFailed") {
      return alreadyAssembled(deps, session, error);
    }
    throw error;
  }
}

async function assembleSingle(deps: ApiDeps, session: UploadSessionRow): Promise<AssembledObject> {
  const head = await deps.storage.headObject(session.key);
  if (head?.etag === undefined) {
    throw new HoistError("PART_MISSING", `nothing was uploaded for ${session.name} yet; PUT the file, then complete`);
  }
  return { etag: head.etag, size: head.size, checksums: head.checksums, expected: session.size };
}

/**
 * Puts the object together: for multipart, lists every part from storage (not from the client), checks it
 * against the plan and completes from that list; for a single PUT, checks that the object is there.
 * @returns the object's ETag and size, from the one HeadObject a complete makes
 */
export function assembleObject(deps: ApiDeps, session: UploadSessionRow, input: CompleteUploadInput): Promise<AssembledObject> {
  return session.strategy === "multipart" ? assembleMultipart(deps, session, input) : assembleSingle(deps, session);
}

async function checkObject(deps: ApiDeps, session: UploadSessionRow, route: RoutePolicy, { size, expected }: AssembledObject): Promise<void> {
  if (size !== expected) {
    const declared = session.maxSize === null ? "was declared as" : "has parts adding up to";
    throw new HoistError("SIZE_MISMATCH", `${session.name} ${declared} ${expected} bytes but storage has ${size} bytes`);
  }
  if (route.sniff === "off") return;
  const bytes = await deps.storage.readFirstBytes(session.key, SNIFF_BYTES);
  const sniffed = await sniffType(bytes, session.type, { mode: route.sniff, allowed: route.types });
  // The declared type passed the route at create, so any verdict on the bytes means they are not what was
  // declared: TYPE_MISMATCH (DESIGN), also when sniffType says the sniffed type is not allowed.
  if (!sniffed.ok) throw new HoistError("TYPE_MISMATCH", `${session.name}: ${sniffed.message}`);
}

/**
 * Checks the assembled object: its size (as {@link assembleObject} read it) must be the declared size, its first
 * bytes must fit the declared type and the route, and its whole-file checksum the client's (see
 * {@link wholeChecksum}). A failing object is deleted, so nothing unverified stays in the bucket.
 * @returns the checksum fields the file records
 */
export async function inspectObject(
  deps: ApiDeps,
  session: UploadSessionRow,
  route: RoutePolicy,
  assembled: AssembledObject,
  claimed: string | undefined,
): Promise<ChecksumFields> {
  try {
    await checkObject(deps, session, route, assembled);
    return await wholeChecksum(deps, session, route, assembled.checksums, claimed);
  } catch (error) {
    // Only a verdict deletes; a failed S3 call says nothing about the object, and the complete can be retried.
    if (isHoistError(error)) await deps.storage.deleteObject(session.key);
    throw error;
  }
}
