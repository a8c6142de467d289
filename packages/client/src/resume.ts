import { partRange } from "@hoist/contract/core";
import type { CompletedPart, PartPlan, UploadedPart, UploadSession } from "@hoist/contract";
import { isUploadError } from "./errors";
import type { SessionApi } from "./session-api";
import type { UploadSource } from "./types";

/** The session behind `api`, or undefined when it cannot be resumed (gone, aborted, expired, not ours). */
export async function liveSession(api: SessionApi): Promise<UploadSession | undefined> {
  try {
    const session = await api.get();
    return ["uploading", "completing", "complete"].includes(session.status) ? session : undefined;
  } catch (error) {
    if (isUploadError(error) && error.code === "NOT_FOUND") return undefined;
    throw error;
  }
}

const PLAIN_MD5_ETAG = /^"?([0-9a-f]{32})"?$/i;

/** True when the stored part can stand: right size, and (when the ETag is a plain MD5 we can check) same bytes. */
async function partHolds(plan: PartPlan, part: UploadedPart, source: UploadSource): Promise<boolean> {
  if (part.partNumber > plan.partCount || part.size !== partRange(plan, part.partNumber).size) return false;
  const md5 = PLAIN_MD5_ETAG.exec(part.etag)?.[1];
  if (md5 === undefined || !source.seekable || source.md5 === undefined) return true;
  const range = partRange(plan, part.partNumber);
  return (await source.md5(range.start, range.end)).toLowerCase() === md5.toLowerCase();
}

/**
 * Parts already in storage that match the local source, so only the rest is sent. A part of the wrong size or
 * with different bytes (the file changed since) is left out and sent again, which replaces it in storage.
 */
export async function partsToKeep(plan: PartPlan, parts: UploadedPart[], source: UploadSource): Promise<CompletedPart[]> {
  const kept: CompletedPart[] = [];
  for (const part of parts) {
    if (await partHolds(plan, part, source)) kept.push({ partNumber: part.partNumber, etag: part.etag });
  }
  return kept;
}

/** True when the session was made for this source: same name, size and type. */
export function sessionMatches(session: Pick<UploadSession, "name" | "size" | "type">, source: UploadSource): boolean {
  return session.name === source.name && session.size === source.size && session.type === source.type;
}
