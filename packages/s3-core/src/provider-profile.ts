import { MIN_PART_SIZE } from "@hoist/contract";

/** S3-compatible stores Hoist knows how to talk to; `HOIST_S3_PROVIDER` takes one of these. */
export type S3Provider = "aws" | "r2" | "minio" | "b2" | "gcs" | "ceph" | "local";

/** Every provider name, in declaration order; handy for config validation and exhaustive tests. */
export const S3_PROVIDERS: readonly S3Provider[] = ["aws", "r2", "minio", "b2", "gcs", "ceph", "local"];

/**
 * What differs between S3-compatible stores in the operations Hoist uses. Code branches on these facts, never on
 * the provider name, so adding a provider is one table row.
 */
export interface ProviderProfile {
  /**
   * The store verifies `x-amz-checksum-sha256` on UploadPart/PutObject and multipart uploads created with
   * `ChecksumAlgorithm: SHA256`. When false, `upload.create` refuses `checksum: "sha256"` (it would verify nothing).
   */
  readonly flexibleChecksums: boolean;
  /**
   * The store verifies `x-amz-checksum-crc64nvme` on UploadPart/PutObject and, on a multipart upload created with
   * `ChecksumAlgorithm: CRC64NVME` + `ChecksumType: FULL_OBJECT`, the whole object's value sent with
   * CompleteMultipartUpload. When false, crc64nvme sessions send storage no checksum at all, and the whole-file
   * value is checked only by a route with `verify: "read"` (else recorded as unverified).
   */
  readonly crc64nvme: boolean;
  /** `If-None-Match: *` on CompleteMultipartUpload is honoured (412 when the key exists) rather than ignored. */
  readonly ifNoneMatchOnComplete: boolean;
  /** `If-None-Match: *` on PutObject is honoured (412 when the key exists), so a single-PUT URL cannot overwrite. */
  readonly ifNoneMatchOnPut: boolean;
  /** CompleteMultipartUpload answers with the object's ETag; when false, read it with HeadObject. */
  readonly completeReturnsEtag: boolean;
  /** Error code for ListParts/UploadPart on an aborted or unknown upload id. */
  readonly abortedUploadError: "NoSuchUpload" | "NoSuchKey";
  /** Default for `forcePathStyle` when the config does not say. */
  readonly forcePathStyle: boolean;
  /** Smallest size of every part but the last that CompleteMultipartUpload accepts (`EntityTooSmall` below it). */
  readonly minPartSize: number;
}

// AWS S3 API reference: flexible checksums (2022), conditional writes on CompleteMultipartUpload (Aug 2024),
// NoSuchUpload for unknown upload ids. Virtual-hosted style is AWS's default; path style is deprecated there.
// Every other row says only how that store departs from AWS.
// Full-object CRC64NVME checksums of multipart uploads: AWS "Checking object integrity" (Dec 2024).
const AWS: ProviderProfile = {
  flexibleChecksums: true,
  crc64nvme: true,
  ifNoneMatchOnComplete: true,
  ifNoneMatchOnPut: true,
  completeReturnsEtag: true,
  abortedUploadError: "NoSuchUpload",
  forcePathStyle: false,
  minPartSize: MIN_PART_SIZE,
};

/** Conditional writes and x-amz-checksum-* that a store does not document (or ignores) are not relied on. */
const NO_CONDITIONS_NO_CHECKSUMS = {
  flexibleChecksums: false,
  crc64nvme: false,
  ifNoneMatchOnComplete: false,
  ifNoneMatchOnPut: false,
};

const PROFILES: Readonly<Record<S3Provider, ProviderProfile>> = {
  aws: AWS,
  // Cloudflare docs: "r2/api/s3/conditional-operations" lists If-None-Match on CompleteMultipartUpload;
  // "r2/objects/multipart-objects" requires equal part sizes except the last, which needs no flag: planParts
  // (@hoist/contract) plans equal parts for every provider. Cloudflare's S3 examples use the account endpoint
  // with path style, which works without per-bucket DNS.
  // R2 lists CRC64NVME among its checksums, but full-object values on multipart completion were not confirmed
  // here, so Hoist does not rely on them.
  r2: { ...AWS, crc64nvme: false, forcePathStyle: true },
  // MinIO copies AWS error codes and its checksums (CRC64NVME full-object included, 2025 releases); typical self-hosted deployments have no wildcard DNS, hence path style.
  // Conditional complete: MinIO added If-None-Match on writes in 2024 releases; not measured here.
  minio: { ...AWS, forcePathStyle: true },
  // Backblaze "S3-Compatible API" docs list both URL styles; they do not document conditional writes on
  // CompleteMultipartUpload, so Hoist does not rely on them, nor x-amz-checksum-* on multipart uploads (B2's
  // own integrity check is SHA-1): `checksum: "sha256"` is refused there rather than verifying nothing.
  b2: { ...AWS, ...NO_CONDITIONS_NO_CHECKSUMS },
  // GCS XML API: integrity headers are x-goog-hash, not x-amz-checksum-*; no documented If-None-Match on
  // multipart completion (its own precondition is x-goog-if-generation-match).
  gcs: { ...AWS, ...NO_CONDITIONS_NO_CHECKSUMS, forcePathStyle: true },
  // Measured here against Ceph RGW 16 (../shared/s3): ignores x-amz-checksum-*, answers Complete with an empty
  // ETag, honours If-None-Match: * on PutObject but ignores it on Complete (overwrites), answers ListParts
  // after Abort with NoSuchKey. RGW has no wildcard DNS unless rgw_dns_name is set, hence path style.
  ceph: {
    ...AWS,
    ...NO_CONDITIONS_NO_CHECKSUMS,
    ifNoneMatchOnPut: true,
    completeReturnsEtag: false,
    abortedUploadError: "NoSuchKey",
    forcePathStyle: true,
  },
  // @hoist/local-s3 copies AWS behaviour on purpose and serves path style only; its part floor is a setting
  // (tests lower it to 1 KiB).
  local: { ...AWS, forcePathStyle: true, minPartSize: 1 },
};

/** The known behaviour of `provider`; see the table's comments for where each fact comes from. */
export function getProviderProfile(provider: S3Provider): ProviderProfile {
  return PROFILES[provider];
}
