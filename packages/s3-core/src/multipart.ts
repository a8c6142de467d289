import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
} from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import type { ChecksumMode } from "@hoist/contract";
import { listPartsPage } from "./list-parts.js";
import { headObject } from "./objects.js";
import type { StoredChecksums } from "./objects.js";
import type { ProviderProfile } from "./provider-profile.js";
import { checksumMismatch, isChecksumRefusal } from "./checksum-errors.js";
import { isNoSuchUpload, s3HttpStatus, UploadNotFoundError, withUpload } from "./s3-errors.js";
import type { UploadRef } from "./upload-ref.js";

/** Input of {@link createMultipart}. */
export interface CreateMultipartInput {
  bucket: string;
  key: string;
  contentType: string;
  /**
   * `sha256`: declares `ChecksumAlgorithm: SHA256`, so the store requires every part to carry
   * `x-amz-checksum-sha256` (sign it with the part URL) and the complete to list each part's checksum (AWS
   * refuses either omission). Only ask for it when the provider profile has `flexibleChecksums`.
   * `crc64nvme`: declares `ChecksumAlgorithm: CRC64NVME` with `ChecksumType: FULL_OBJECT`: parts carry
   * `x-amz-checksum-crc64nvme`, and the complete the whole object's value, which the store checks. Only when the
   * profile has `crc64nvme` (`Storage` drops it elsewhere).
   */
  checksum?: ChecksumMode;
}

const CREATE_CHECKSUM = {
  sha256: { ChecksumAlgorithm: "SHA256" },
  crc64nvme: { ChecksumAlgorithm: "CRC64NVME", ChecksumType: "FULL_OBJECT" },
  none: {},
} as const;

/**
 * Starts a multipart upload and returns its upload id.
 *
 * @throws Error when the store does not return an upload id, which no correct store does
 */
export async function createMultipart(client: S3Client, input: CreateMultipartInput): Promise<string> {
  const result = await client.send(
    new CreateMultipartUploadCommand({
      Bucket: input.bucket,
      Key: input.key,
      ContentType: input.contentType,
      ...CREATE_CHECKSUM[input.checksum ?? "none"],
    }),
  );
  if (!result.UploadId) throw new Error(`CreateMultipartUpload for ${input.key} returned no upload id`);
  return result.UploadId;
}

/** One part as CompleteMultipartUpload lists it. */
export interface CompletedPartRef {
  partNumber: number;
  etag: string;
  /** Required by the store when the upload was created with `checksum: "sha256"`. */
  checksumSha256?: string;
  /** Required by the store when the upload was created with `checksum: "crc64nvme"`. */
  checksumCrc64nvme?: string;
}

/** Input of {@link completeMultipart}. */
export interface CompleteMultipartInput extends Omit<UploadRef, "profile"> {
  parts: readonly CompletedPartRef[];
  /**
   * The whole object's CRC64NVME (base64), sent as a `FULL_OBJECT` checksum of an upload created with
   * `checksum: "crc64nvme"`: the store refuses to complete when its own value differs.
   */
  checksumCrc64nvme?: string;
  /** Refuse to overwrite an existing object (`If-None-Match: *`), where the provider honours it. */
  ifNoneMatch: boolean;
}

/** The object a completed multipart upload became. */
export interface CompletedObject {
  /** Quoted, as S3 sends it: `"<md5>-<parts>"`. */
  etag: string;
  size: number;
  /** The checksums the store keeps for the object (HeadObject with `ChecksumMode: ENABLED`). */
  checksums: StoredChecksums;
}

/**
 * Completes a multipart upload and returns the object's ETag and size. Parts are sent in ascending order whatever
 * order they come in (AWS rejects any other order; Ceph silently accepts it). Complete answers no size, so one
 * HeadObject reads it, and the ETag too where the provider does not return one (Ceph): callers that verify the
 * object need not ask again. `If-None-Match` is only sent to providers known to honour it: elsewhere it would
 * either be ignored or refused, and neither protects anything.
 *
 * @throws UploadNotFoundError when the upload is gone; the SDK's error (e.g. `PreconditionFailed`,
 *   `InvalidPart`, `EntityTooSmall`) for anything else
 */
export async function completeMultipart(
  client: S3Client,
  profile: ProviderProfile,
  input: CompleteMultipartInput,
): Promise<CompletedObject> {
  const parts = [...input.parts]
    .sort((a, b) => a.partNumber - b.partNumber)
    .map((part) => ({
      PartNumber: part.partNumber,
      ETag: part.etag,
      ...(part.checksumSha256 === undefined ? {} : { ChecksumSHA256: part.checksumSha256 }),
      ...(part.checksumCrc64nvme === undefined ? {} : { ChecksumCRC64NVME: part.checksumCrc64nvme }),
    }));
  const whole = input.checksumCrc64nvme;
  const command = new CompleteMultipartUploadCommand({
    Bucket: input.bucket,
    Key: input.key,
    UploadId: input.uploadId,
    MultipartUpload: { Parts: parts },
    ...(input.ifNoneMatch && profile.ifNoneMatchOnComplete ? { IfNoneMatch: "*" } : {}),
    ...(whole === undefined ? {} : { ChecksumCRC64NVME: whole, ChecksumType: "FULL_OBJECT" }),
  });
  const result = await withUpload(input.uploadId, profile, () => client.send(command)).catch((error: unknown) =>
    rethrowCompleteError(client, { ...input, profile }, error),
  );
  const head = await headObject(client, { bucket: input.bucket, key: input.key });
  const etag = profile.completeReturnsEtag && result.ETag ? result.ETag : head?.etag;
  if (head === undefined || !etag) throw new Error(`object ${input.key} is missing or has no ETag after completing upload ${input.uploadId}`);
  return { etag, size: head.size, checksums: head.checksums };
}

/**
 * Ceph RGW 16 answers Complete on an aborted or unknown upload with 500 "This multipart completion is already in
 * progress" (measured here). On any 5xx, ask ListParts whether the upload still exists, so callers get
 * {@link UploadNotFoundError} everywhere instead of a retryable-looking server error.
 */
async function rethrowCompleteError(client: S3Client, ref: UploadRef, error: unknown): Promise<never> {
  const status = s3HttpStatus(error) ?? 0;
  if (isChecksumRefusal(error)) throw checksumMismatch(ref.uploadId, error);
  if (status >= 500) {
    const gone = await listPartsPage(client, { ...ref, maxParts: 1 }).then(
      () => false,
      (probe: unknown) => probe instanceof UploadNotFoundError,
    );
    if (gone) throw new UploadNotFoundError(ref.uploadId, error);
  }
  throw error;
}

/**
 * Aborts a multipart upload so its parts stop costing storage. Idempotent: an upload that is already gone
 * answers `false` instead of throwing, so retries and the sweeper need no special case.
 *
 * @returns true when this call aborted the upload
 */
export async function abortMultipart(client: S3Client, input: UploadRef): Promise<boolean> {
  try {
    await client.send(
      new AbortMultipartUploadCommand({ Bucket: input.bucket, Key: input.key, UploadId: input.uploadId }),
    );
    return true;
  } catch (error) {
    if (isNoSuchUpload(error, input.profile)) return false;
    throw error;
  }
}
