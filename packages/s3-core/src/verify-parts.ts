import type { ListedPart } from "./list-parts.js";

/** The part plan fields verification needs; `PartPlan` from @hoist/contract's `planParts` satisfies it. */
export interface PlannedParts {
  readonly partSize: number;
  readonly partCount: number;
  readonly lastPartSize: number;
}

/** A part ready for CompleteMultipartUpload. */
export interface VerifiedPart {
  partNumber: number;
  etag: string;
  checksumSha256?: string;
}

/**
 * Why the uploaded parts do not match the plan, as @hoist/contract hoist codes: a part not uploaded, a part of
 * the wrong size, or parts beyond the plan (the object would not have the declared size).
 */
export type PartsMismatchCode = "PART_MISSING" | "PART_SIZE_MISMATCH" | "SIZE_MISMATCH";

/** Result of {@link verifyParts}: the parts to complete with, or the first problem found. */
export type VerifyPartsResult =
  | { ok: true; parts: VerifiedPart[] }
  | { ok: false; hoistCode: PartsMismatchCode; message: string; partNumber?: number };

function expectedSize(plan: PlannedParts, partNumber: number): number {
  return partNumber === plan.partCount ? plan.lastPartSize : plan.partSize;
}

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

/**
 * Checks what ListParts reported against the plan before CompleteMultipartUpload: S3 would accept a shorter
 * list and store a truncated object, so every part 1..N must be present with exactly the planned size (the last
 * one `lastPartSize`) and nothing else. Pure: pass the parts from `collectParts` / `listAllParts`.
 *
 * Missing parts are reported before wrong sizes, lowest part number first, so the message names the part a
 * client should upload next.
 */
export function verifyParts(listed: Iterable<ListedPart>, plan: PlannedParts): VerifyPartsResult {
  const byNumber = indexParts(listed, plan);
  if (!(byNumber instanceof Map)) return byNumber;
  const parts: VerifiedPart[] = [];
  for (let partNumber = 1; partNumber <= plan.partCount; partNumber++) {
    const part = byNumber.get(partNumber);
    if (part === undefined) {
      return missingPart(partNumber, plan.partCount - byNumber.size, plan.partCount);
    }
    const { etag, checksumSha256 } = part;
    parts.push(checksumSha256 === undefined ? { partNumber, etag } : { partNumber, etag, checksumSha256 });
  }
  for (const part of parts) {
    const size = byNumber.get(part.partNumber)?.size;
    const expected = expectedSize(plan, part.partNumber);
    if (size !== expected) {
      return fail(
        "PART_SIZE_MISMATCH",
        `part ${part.partNumber} is ${size ?? 0} bytes, expected ${expected}; upload it again with the planned bytes`,
        part.partNumber,
      );
    }
  }
  return { ok: true, parts };
}
