import type { IncomingHttpHeaders } from "node:http";
import { crc32 } from "node:zlib";
import { combineParts, crc64FromBase64, crc64ToBase64 } from "@hoist/checksums";
import { CHECKSUM_NAMES, crc32Bytes, header } from "../checksum-headers";
import { badChecksum } from "../checksums";
import { S3Error } from "../errors";
import type { PartMeta, UploadMeta } from "../storage/multipart";
import type { StoredChecksums } from "../storage/objects";
import { compositeChecksum } from "./multipart-checksums";

/**
 * How CompleteMultipartUpload gets the object's checksum. `tap` (FULL_OBJECT CRC32 only) must see every byte as
 * the parts are assembled; otherwise `finish` needs no bytes and runs before assembly, so a refusal costs no copy.
 */
export interface ObjectChecksumPlan {
  tap?: (chunk: Buffer) => void;
  /** The object's checksums, after comparing the request's full-object claim (400 BadDigest when it differs). */
  finish(): StoredChecksums;
}

/**
 * Plans the object's checksum of a Complete. As AWS: a Complete's `x-amz-checksum-type` must be the upload's
 * (else 400 BadDigest), and an `x-amz-checksum-<algorithm>` must be of the upload's algorithm (else 400
 * InvalidRequest). A FULL_OBJECT CRC64NVME is the parts' values combined with their sizes: no byte is re-read.
 */
export function planObjectChecksum(upload: UploadMeta, parts: PartMeta[], headers: IncomingHttpHeaders): ObjectChecksumPlan {
  const algorithm = upload.checksumAlgorithm;
  if (algorithm === undefined) return { finish: () => ({}) };
  const type = upload.checksumType ?? "COMPOSITE";
  const claimedType = header(headers, "x-amz-checksum-type");
  if (claimedType !== null && claimedType.toUpperCase() !== type) {
    throw new S3Error("BadDigest", `The upload was created using the ${type} checksum mode. The complete request must use the same checksum mode.`);
  }
  const other = CHECKSUM_NAMES.find((name) => name !== algorithm && headers[`x-amz-checksum-${name}`] !== undefined);
  if (other !== undefined) {
    throw new S3Error("InvalidRequest", `Checksum Type mismatch occurred, expected checksum Type: ${algorithm}, actual checksum Type: ${other}`);
  }
  if (type === "COMPOSITE") return { finish: () => compositeChecksum(upload, parts) };
  const claimed = header(headers, `x-amz-checksum-${algorithm}`);
  const checked = (value: string): StoredChecksums => {
    if (claimed !== null && claimed !== value) throw badChecksum(algorithm.toUpperCase());
    return { [algorithm]: value };
  };
  if (algorithm === "crc64nvme") return { finish: () => checked(combinedCrc64(parts)) };
  let crc = 0;
  return {
    tap: (chunk) => { crc = crc32(chunk, crc); },
    finish: () => checked(crc32Bytes(crc).toString("base64")),
  };
}

function combinedCrc64(parts: PartMeta[]): string {
  return crc64ToBase64(combineParts(parts.map((p) => ({ crc: crc64FromBase64(p.checksums.crc64nvme ?? "") ?? 0n, size: p.size }))));
}
