import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { crc32 } from "node:zlib";
import { CHECKSUM_NAMES, crc32Bytes, header, unsupportedAlgorithm } from "../checksum-headers";
import { S3Error } from "../errors";
import type { PartMeta, UploadMeta } from "../storage/multipart";

/** Additional checksum algorithms this store computes (names as in `PartMeta.checksums`). */
export type ChecksumName = keyof PartMeta["checksums"];
export type ChecksumType = NonNullable<UploadMeta["checksumType"]>;

const SERVED: Record<string, ChecksumName> = { SHA256: "sha256", CRC32: "crc32", CRC64NVME: "crc64nvme" };
// Algorithms S3 knows but this store does not compute: refused as unimplemented, not as invalid.
const KNOWN = ["CRC32C", "SHA1"];

/**
 * `x-amz-checksum-algorithm` and `x-amz-checksum-type` of CreateMultipartUpload: the checksum every part must carry,
 * and whether the object's is made of the parts' (COMPOSITE) or is the whole object's (FULL_OBJECT). As AWS:
 * CRC64NVME is FULL_OBJECT only, SHA256 COMPOSITE only, CRC32 either (COMPOSITE unless asked).
 */
export function createChecksumSettings(headers: IncomingHttpHeaders): Pick<UploadMeta, "checksumAlgorithm" | "checksumType"> {
  const algorithm = createChecksumAlgorithm(header(headers, "x-amz-checksum-algorithm"));
  const type = header(headers, "x-amz-checksum-type")?.toUpperCase() ?? null;
  if (type !== null && type !== "COMPOSITE" && type !== "FULL_OBJECT") {
    throw new S3Error("InvalidRequest", "Value for x-amz-checksum-type header is invalid.");
  }
  if (algorithm === undefined) {
    if (type !== null) throw new S3Error("InvalidRequest", "The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
    return {};
  }
  const allowed: ChecksumType[] = algorithm === "crc64nvme" ? ["FULL_OBJECT"] : algorithm === "sha256" ? ["COMPOSITE"] : ["COMPOSITE", "FULL_OBJECT"];
  const checksumType = (type ?? allowed[0]) as ChecksumType;
  if (!allowed.includes(checksumType)) {
    throw new S3Error("InvalidRequest", `The ${checksumType} checksum type cannot be used with the ${algorithm} checksum algorithm.`);
  }
  return { checksumAlgorithm: algorithm, checksumType };
}

function createChecksumAlgorithm(value: string | null): ChecksumName | undefined {
  if (value === null) return undefined;
  const served = SERVED[value.toUpperCase()];
  if (served !== undefined) return served;
  if (KNOWN.includes(value.toUpperCase())) throw new S3Error("NotImplemented", `Checksum algorithm ${value} is not implemented by this local S3; use SHA256, CRC32 or CRC64NVME.`);
  throw unsupportedAlgorithm();
}

/**
 * As AWS: a part of an upload created with an algorithm must carry exactly that checksum, and a part of an
 * upload created without one must carry none (400 InvalidRequest, checked before any body byte is read).
 */
export function checkPartChecksumType(upload: UploadMeta, headers: IncomingHttpHeaders): void {
  const sent = CHECKSUM_NAMES.filter((type) => headers[`x-amz-checksum-${type}`] !== undefined);
  const expected = upload.checksumAlgorithm ?? null;
  if (sent.length === (expected === null ? 0 : 1) && (expected === null || sent[0] === expected)) return;
  throw new S3Error("InvalidRequest", `Checksum Type mismatch occurred, expected checksum Type: ${expected}, actual checksum Type: ${sent.join(",") || "null"}`);
}

/** A part as CompleteMultipartUpload lists it, with the checksums it gave. */
export interface ListedChecksums {
  partNumber: number;
  checksums: PartMeta["checksums"];
}

/**
 * As AWS: a listed part's checksum must be the stored one (else 400 InvalidPart). On a COMPOSITE upload every
 * listed part must give it (missing: 400 InvalidRequest): the object's checksum is made of them. A FULL_OBJECT
 * upload's is made from the stored part values, so AWS takes a list without them.
 */
export function checkCompleteChecksums(upload: UploadMeta, requested: ListedChecksums[], stored: PartMeta[]): void {
  const algorithm = upload.checksumAlgorithm;
  if (algorithm === undefined) return;
  for (const [i, want] of requested.entries()) {
    const given = want.checksums[algorithm];
    if (given === undefined && upload.checksumType === "FULL_OBJECT") continue;
    if (given === undefined) {
      throw new S3Error("InvalidRequest", `The upload was created using a ${algorithm} checksum. The complete request must include the checksum for each part. It was missing for part ${want.partNumber} in the request.`);
    }
    if (given !== stored[i]?.checksums[algorithm]) {
      throw new S3Error("InvalidPart", "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.", {
        PartNumber: String(want.partNumber),
      });
    }
  }
}

/** S3's composite checksum of a multipart object: the digest of the parts' binary digests, then `-<count>`. */
export function compositeChecksum(upload: UploadMeta, parts: PartMeta[]): PartMeta["checksums"] {
  const algorithm = upload.checksumAlgorithm;
  if (algorithm === undefined) return {};
  const joined = Buffer.concat(parts.map((p) => Buffer.from(p.checksums[algorithm] ?? "", "base64")));
  const digest = algorithm === "sha256" ? createHash("sha256").update(joined).digest() : crc32Bytes(crc32(joined));
  return { [algorithm]: `${digest.toString("base64")}-${parts.length}` };
}

