import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import { s3ErrorCode, s3HttpStatus } from "./s3-errors.js";

/** Names one object. */
export interface ObjectRef {
  bucket: string;
  key: string;
}

/** What HeadObject tells Hoist about a stored object. */
export interface ObjectInfo {
  size: number;
  /** Quoted, as S3 sends it; `"<md5>-<parts>"` for multipart objects. */
  etag: string | undefined;
  contentType: string | undefined;
  lastModified: Date | undefined;
  checksums: StoredChecksums;
}

/**
 * Checksums a store keeps for an object, base64 as S3 sends them: a full-object CRC64NVME, or a SHA-256 (of the
 * object, or composite `<base64>-<parts>` for multipart). Absent where the store keeps none or does not say.
 */
export interface StoredChecksums {
  crc64nvme?: string;
  sha256?: string;
}

function storedChecksums(head: { ChecksumCRC64NVME?: string; ChecksumSHA256?: string }): StoredChecksums {
  return {
    ...(head.ChecksumCRC64NVME ? { crc64nvme: head.ChecksumCRC64NVME } : {}),
    ...(head.ChecksumSHA256 ? { sha256: head.ChecksumSHA256 } : {}),
  };
}

function isNotFound(error: unknown): boolean {
  const code = s3ErrorCode(error);
  // HEAD responses have no body, so the SDK only sees the status and names the error "NotFound".
  return code === "NotFound" || code === "NoSuchKey" || s3HttpStatus(error) === 404;
}

/**
 * Size, ETag, type and stored checksums of an object, or `undefined` when there is none: a missing object is an
 * expected answer at complete time (e.g. a single PUT that never happened), not an exception. Asks with
 * `ChecksumMode: ENABLED` (stores that keep no checksums ignore it), so the checksums cost no second request.
 */
export async function headObject(client: S3Client, ref: ObjectRef): Promise<ObjectInfo | undefined> {
  try {
    const head = await client.send(new HeadObjectCommand({ Bucket: ref.bucket, Key: ref.key, ChecksumMode: "ENABLED" }));
    return {
      size: head.ContentLength ?? 0,
      etag: head.ETag,
      contentType: head.ContentType,
      lastModified: head.LastModified,
      checksums: storedChecksums(head),
    };
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Deletes an object; deleting a missing object succeeds, as in S3 itself. */
export async function deleteObject(client: S3Client, ref: ObjectRef): Promise<void> {
  await client.send(new DeleteObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
}

/** Input of {@link readFirstBytes}. */
export interface ReadFirstBytesInput extends ObjectRef {
  /** How many bytes to read at most; 4,096 is enough for every signature file-type knows. */
  bytes: number;
}

/**
 * The first `bytes` bytes of an object (fewer when the object is smaller) with one ranged GET, for type sniffing.
 * An empty object yields an empty array: S3 answers a range on it with 416 InvalidRange, which is not an error
 * here. Never reads past the range, so the cost is the same for a 1 KB and a 1 TB object.
 *
 * @throws RangeError when `bytes` is not a positive whole number; the SDK's error when the object is missing
 */
export async function readFirstBytes(client: S3Client, input: ReadFirstBytesInput): Promise<Uint8Array> {
  if (!Number.isInteger(input.bytes) || input.bytes < 1) {
    throw new RangeError(`bytes must be a positive whole number; got ${input.bytes}`);
  }
  const command = new GetObjectCommand({
    Bucket: input.bucket,
    Key: input.key,
    Range: `bytes=0-${input.bytes - 1}`,
  });
  try {
    const result = await client.send(command);
    if (result.Body === undefined) return new Uint8Array(0);
    const body = await result.Body.transformToByteArray();
    // A store that ignores Range answers 200 with the whole object; keep only what was asked for.
    return body.subarray(0, input.bytes);
  } catch (error) {
    if (s3ErrorCode(error) === "InvalidRange") return new Uint8Array(0);
    throw error;
  }
}
