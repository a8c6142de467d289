import { partRange } from "@hoist/contract";
import type { PartPlan } from "@hoist/contract";
import type { ListedPart } from "./list-parts.js";

/** The fields of a `planParts` plan that verification needs. */
export type PlannedParts = Pick<PartPlan, "partSize" | "partCount" | "lastPartSize">;

/** A part as the client reports it at complete (`upload.complete { parts }`). */
export interface ClaimedPart {
  partNumber: number;
  etag: string;
}

/** A part ready for CompleteMultipartUpload. */
export interface VerifiedPart {
  partNumber: number;
  etag: string;
  checksumSha256?: string;
  checksumCrc64nvme?: string;
}

/**
 * Why the uploaded parts do not match the plan, as @hoist/contract hoist codes: a part not uploaded, a part of
 * the wrong size, parts beyond the plan (the object would not have the declared size), or a part whose stored
 * ETag is not the one the client reported (it was uploaded again in between).
 */
export type PartsMismatchCode = "PART_MISSING" | "PART_SIZE_MISMATCH" | "SIZE_MISMATCH" | "ETAG_MISMATCH";

/** Result of {@link verifyParts}: the parts to complete with, or the first problem found. */
export type VerifyPartsResult =
  | { ok: true; parts: VerifiedPart[] }
  | { ok: false; hoistCode: PartsMismatchCode; message: string; partNumber?: number };

function fail(hoistCode: PartsMismatchCode, message: string, partNumber?: number): VerifyPartsResult {
  return partNumber === undefined ? { ok: false, hoistCode, message } : { ok: false, hoistCode, message, partNumber };
}

function indexParts(listed: Iterable<ListedPart>, plan: PlannedParts): Map<number, ListedPart> | VerifyPartsResult {
  const byNumber = new Map<number, ListedPart>();
  for (const part of listed) {
    if (part.partNumber < 1 || part.partNumber > plan.partCount) {
      return fail(
        "SIZE_MISMATCH",
        `part ${part.partNumber} was uploaded but this upload has only ${plan.partCount} parts; ` +
          "abort the upload and start again",
        part.partNumber,
      );
    }
    if (byNumber.has(part.partNumber)) {
      return fail("SIZE_MISMATCH", `the store listed part ${part.partNumber} twice`, part.partNumber);
    }
    byNumber.set(part.partNumber, part);
  }
  return byNumber;
}

function missingPart(partNumber: number, missing: number, partCount: number): VerifyPartsResult {
  const more = missing > 1 ? ` (${missing} parts are missing); upload them` : "; upload it";
  return fail(
    "PART_MISSING",
    `part ${partNumber} of ${partCount} has not been uploaded${more}, then complete again`,
    partNumber,
  );
}

// S3 sends ETags quoted; clients often strip the quotes before reporting them.
function sameEtag(a: string, b: string): boolean {
  return a.replace(/"/g, "") === b.replace(/"/g, "");
}

function checkClaimed(parts: readonly VerifiedPart[], claimed: Iterable<ClaimedPart>): VerifyPartsResult | undefined {
  for (const claim of claimed) {
    const stored = parts[claim.partNumber - 1];
    if (stored !== undefined && !sameEtag(stored.etag, claim.etag)) {
      return fail(
        "ETAG_MISMATCH",
        `part ${claim.partNumber} is stored with ETag ${stored.etag} but the client reported ${claim.etag}; ` +
          "it was uploaded again meanwhile: list the parts and complete again",
        claim.partNumber,
      );
    }
  }
  return undefined;
}

// The checksums a part was stored with go back to CompleteMultipartUpload, which requires them.
function verifiedPart(partNumber: number, { etag, checksumSha256, checksumCrc64nvme }: ListedPart): VerifiedPart {
  return {
    partNumber,
    etag,
    ...(checksumSha256 === undefined ? {} : { checksumSha256 }),
    ...(checksumCrc64nvme === undefined ? {} : { checksumCrc64nvme }),
  };
}

/**
 * Checks what ListParts reported against the plan before CompleteMultipartUpload: S3 would accept a shorter
 * list and store a truncated object, so every part 1..N must be present with exactly the planned size (the last
 * one `lastPartSize`) and nothing else. Pure: pass the parts from `collectParts` / `listAllParts`.
 *
 * Missing parts are reported before wrong sizes, lowest part number first, so the message names the part a
 * client should upload next. When the client reported its parts (`claimed`), their ETags must match the store's.
 */
export function verifyParts(
  listed: Iterable<ListedPart>,
  plan: PlannedParts,
  claimed?: Iterable<ClaimedPart>,
): VerifyPartsResult {
  const byNumber = indexParts(listed, plan);
  if (!(byNumber instanceof Map)) return byNumber;
  const parts: VerifiedPart[] = [];
  for (let partNumber = 1; partNumber <= plan.partCount; partNumber++) {
    const part = byNumber.get(partNumber);
    if (part === undefined) {
      return missingPart(partNumber, plan.partCount - byNumber.size, plan.partCount);
    }
    parts.push(verifiedPart(partNumber, part));
  }
  for (const part of parts) {
    const size = byNumber.get(part.partNumber)?.size;
    const expected = partRange(plan, part.partNumber).size;
    if (size !== expected) {
      return fail(
        "PART_SIZE_MISMATCH",
        `part ${part.partNumber} is ${size ?? 0} bytes, expected ${expected}; upload it again with the planned bytes`,
        part.partNumber,
      );
    }
  }
  return (claimed && checkClaimed(parts, claimed)) ?? { ok: true, parts };
}
