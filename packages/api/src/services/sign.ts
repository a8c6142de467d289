import { HoistError, partRange, planOfSession } from "@hoist/contract";
import type { SignPartsInput, SignPartsOutput } from "@hoist/contract";
import type { UploadSessionRow } from "@hoist/db";
import type { SignedRequest } from "@hoist/s3-core";
import type { AuthUser } from "../auth";
import type { ApiDeps } from "../context";
import { resolveStoredRoute } from "../routes";
import type { RoutePolicy } from "../routes";
import { checkPartChecksums } from "./part-checksums";
import { requireSession, requireUploading, s3UploadIdOf } from "./session-access";

type SignedPut = { url: string; method: "PUT"; headers: Record<string, string> };

/** The wire shape of a presigned PUT (the contract's `single` and signed parts). */
export function asPut(signed: SignedRequest): SignedPut {
  return { url: signed.url, method: "PUT", headers: signed.headers };
}

/** The part checksum as the signer takes it: the session's algorithm says which header it is. */
type PartChecksum = { checksumSha256?: string; checksumCrc64nvme?: string };

function partChecksum(session: UploadSessionRow, checksum: string | undefined): PartChecksum {
  if (checksum === undefined) return {};
  return session.checksum === "crc64nvme" ? { checksumCrc64nvme: checksum } : { checksumSha256: checksum };
}

/**
 * The one presigned PUT of a `single` upload: signed length, type and `If-None-Match: *`, optionally the file's
 * SHA-256 or CRC64NVME (storage drops a CRC64NVME it cannot verify).
 */
export function signSinglePut(
  deps: ApiDeps,
  route: RoutePolicy,
  file: { key: string; size: number; type: string } & PartChecksum,
): Promise<SignedRequest> {
  return deps.storage.signPutObject({
    key: file.key,
    contentLength: file.size,
    contentType: file.type,
    expiresIn: route.urlExpiresIn,
    now: deps.options.now(),
    // Create-only (where storage honours it): once verified at complete, the object cannot be swapped through
    // this still-valid URL.
    ifNoneMatch: true,
    checksumSha256: file.checksumSha256,
    checksumCrc64nvme: file.checksumCrc64nvme,
  });
}

type PartRequest = SignPartsInput["parts"][number];

function signOne(deps: ApiDeps, route: RoutePolicy, session: UploadSessionRow, part: PartRequest) {
  // A stream's last part is signed at the length it ended with (checked by checkShortPart).
  const size = part.size ?? partRange(planOfSession(session), part.partNumber).size;
  const checksum = partChecksum(session, part.checksum);
  if (session.strategy === "single") {
    return signSinglePut(deps, route, { key: session.key, size, type: session.type, ...checksum });
  }
  return deps.storage.signUploadPart({
    key: session.key,
    uploadId: s3UploadIdOf(session),
    partNumber: part.partNumber,
    contentLength: size,
    expiresIn: route.urlExpiresIn,
    now: deps.options.now(),
    ...checksum,
  });
}

/** A part `size` is only for the last part of a stream (`maxSize`), and never longer than the plan's part. */
function checkShortPart(session: UploadSessionRow, part: PartRequest): void {
  if (part.size === undefined) return;
  if (session.maxSize === null) {
    throw new HoistError(
      "INVALID_INPUT",
      `upload ${session.id} was created with its size, so every part's length is planned: sign part ${part.partNumber} without size`,
    );
  }
  const planned = partRange(planOfSession(session), part.partNumber).size;
  if (part.size > planned) {
    throw new HoistError(
      "INVALID_INPUT",
      `part ${part.partNumber} can hold at most ${planned} bytes in this upload (got size ${part.size}); ` +
        "only the stream's last, shorter part is signed with a size",
    );
  }
}

function checkBatch(deps: ApiDeps, session: UploadSessionRow, parts: SignPartsInput["parts"]): void {
  const max = deps.options.signBatchMax;
  if (parts.length > max) {
    throw new HoistError("INVALID_INPUT", `sign at most ${max} parts per call (got ${parts.length}); split the batch`);
  }
  checkPartChecksums(session, parts);
  for (const part of parts) checkShortPart(session, part);
}

/**
 * `upload.signParts`: presigns a batch of part PUTs, each with its planned length signed (storage rejects other
 * bodies) and the part's checksum (the session's algorithm) as a signed header. A `single` upload signs its one PUT as part 1.
 */
export async function signParts(deps: ApiDeps, user: AuthUser, input: SignPartsInput): Promise<SignPartsOutput> {
  const started = performance.now();
  const session = await requireSession(deps, user, input.uploadId);
  requireUploading(deps, session);
  const route = resolveStoredRoute(deps.routes, session.route, user);
  checkBatch(deps, session, input.parts);
  const parts = await Promise.all(
    input.parts.map(async (part) => {
      const signed = await signOne(deps, route, session, part);
      return { partNumber: part.partNumber, ...asPut(signed), expiresAt: signed.expiresAt.toISOString() };
    }),
  );
  deps.observe?.urlsSigned(parts.length);
  deps.observe?.signPartsTook((performance.now() - started) / 1000);
  return { parts };
}
