import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { crc32 } from "node:zlib";
import { S3Error } from "../errors";
import type { PartMeta, UploadMeta } from "../storage/multipart";

/** Additional checksum algorithms this store computes (names as in `PartMeta.checksums`). */
export type ChecksumName = keyof PartMeta["checksums"];

const SERVED: Record<string, ChecksumName> = { SHA256: "sha256", CRC32: "crc32" };
// Algorithms S3 knows but this store does not compute: refused as unimplemented, not as invalid.
const KNOWN = ["CRC32C", "CRC64NVME", "SHA1"];
const HEADER_TYPES = ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"];

/** `x-amz-checksum-algorithm` of CreateMultipartUpload: the algorithm every part and the complete must carry. */
export function createChecksumAlgorithm(headers: IncomingHttpHeaders): ChecksumName | undefined {
  const value = headers["x-amz-checksum-algorithm"];
  if (typeof value !== "string") return undefined;
  const served = SERVED[value.toUpperCase()];
  if (served !== undefined) return served;
  if (KNOWN.includes(value.toUpperCase())) throw new S3Error("NotImplemented", `Checksum algorithm ${value} is not implemented by this local S3; use SHA256 or CRC32.`);
  throw new S3Error("InvalidRequest", "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
}

/**
 * As AWS: a part of an upload created with an algorithm must carry exactly that checksum, and a part of an
 * upload created without one must carry none (400 InvalidRequest, checked before any body byte is read).
 */
export function checkPartChecksumType(upload: UploadMeta, headers: IncomingHttpHeaders): void {
  const sent = HEADER_TYPES.filter((type) => headers[`x-amz-checksum-${type}`] !== undefined);
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
 * As AWS: on an upload created with an algorithm, every listed part must give that part's checksum (missing:
 * 400 InvalidRequest) and it must be the stored one (else 400 InvalidPart).
 */
export function checkCompleteChecksums(upload: UploadMeta, requested: ListedChecksums[], stored: PartMeta[]): void {
  const algorithm = upload.checksumAlgorithm;
  if (algorithm === undefined) return;
  for (const [i, want] of requested.entries()) {
    const given = want.checksums[algorithm];
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
  const digest = algorithm === "sha256" ? createHash("sha256").update(joined).digest() : crc32Bytes(joined);
  return { [algorithm]: `${digest.toString("base64")}-${parts.length}` };
}

function crc32Bytes(data: Buffer): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out;
}
