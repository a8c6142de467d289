import { HoistError } from "@hoist/contract";
import type {
  ListPartsInput,
  ListPartsOutput,
  ListUploadsOutput,
  ListUploadsParsed,
  UploadIdInput,
  UploadSession,
} from "@hoist/contract";
import { listSessionsForUser } from "@hoist/db";
import type { UploadSessionRow } from "@hoist/db";
import { UploadNotFoundError } from "@hoist/s3-core";
import type { AuthUser } from "../auth";
import type { ApiDeps } from "../context";
import { wirePage } from "./wire-page";
import { toUploadSession, toUploadSummary } from "./records";
import { requireSession, s3UploadIdOf } from "./session-access";

function uploadAt(session: UploadSessionRow) {
  return { key: session.key, uploadId: s3UploadIdOf(session) };
}

function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const marker = Number(cursor);
  if (!Number.isInteger(marker) || marker < 1) throw new HoistError("INVALID_INPUT", "cursor is not one this API issued");
  return marker;
}

/** Parts storage holds for a session that still takes parts; a finished or aborted one has none to resume. */
export async function listParts(
  deps: ApiDeps,
  user: AuthUser,
  { uploadId, cursor }: ListPartsInput,
): Promise<ListPartsOutput> {
  const session = await requireSession(deps, user, uploadId);
  if (session.status !== "uploading" && session.status !== "completing") return { parts: [] };
  if (session.strategy === "single") {
    const head = await deps.storage.headObject(session.key);
    return { parts: head?.etag === undefined ? [] : [{ partNumber: 1, size: head.size, etag: head.etag }] };
  }
  try {
    const marker = parseCursor(cursor);
    const page = await deps.storage.listPartsPage({ ...uploadAt(session), ...(marker && { marker }) });
    const parts = page.parts.map(({ partNumber, size, etag }) => ({ partNumber, size, etag }));
    return page.nextMarker === undefined ? { parts } : { parts, nextCursor: String(page.nextMarker) };
  } catch (error) {
    if (error instanceof UploadNotFoundError) return { parts: [] };
    throw error;
  }
}

/** Bytes storage has confirmed for a session: all of it once complete, the listed parts while uploading. */
async function bytesConfirmed(deps: ApiDeps, session: UploadSessionRow): Promise<number> {
  if (session.status === "complete") return session.size;
  if (session.status !== "uploading" && session.status !== "completing") return 0;
  if (session.strategy === "single") {
    const head = await deps.storage.headObject(session.key);
    return head?.size ?? 0;
  }
  try {
    const parts = await deps.storage.collectParts(uploadAt(session));
    return parts.reduce((sum, part) => sum + part.size, 0);
  } catch (error) {
    if (error instanceof UploadNotFoundError) return 0;
    throw error;
  }
}

/** `upload.get`: the caller's session with the bytes confirmed so far. */
export async function getUpload(deps: ApiDeps, user: AuthUser, { uploadId }: UploadIdInput): Promise<UploadSession> {
  const session = await requireSession(deps, user, uploadId);
  return toUploadSession(session, await bytesConfirmed(deps, session));
}

/**
 * `upload.list`: the caller's sessions, newest first, so another device can resume them. Answered from the
 * database alone, so a page costs one query however many parts its sessions hold (bytes: `upload.get`).
 */
export async function listUploads(deps: ApiDeps, user: AuthUser, input: ListUploadsParsed): Promise<ListUploadsOutput> {
  const filter = {
    ...(input.status && { status: input.status }),
    ...(input.cursor && { cursor: input.cursor }),
    limit: input.limit,
  };
  return wirePage(() => listSessionsForUser(deps.db, user.id, filter), toUploadSummary);
}
