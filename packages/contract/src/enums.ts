/**
 * The closed sets of values an upload session carries. They live here, zod-free, so the schemas
 * (`z.enum`), the database columns and the browser client all take them from one place.
 */

/** Lifecycle states of an upload session; only `uploading` sessions accept parts. */
export const SESSION_STATUSES = ["uploading", "completing", "complete", "aborted", "expired"] as const;

/** `single`: one presigned PUT; `multipart`: S3 multipart upload with equal parts except the last. */
export const STRATEGIES = ["single", "multipart"] as const;

/**
 * What parts carry for storage to verify: `crc64nvme` (each part's CRC64NVME, and the whole file's value at
 * complete, checked as a full-object checksum), `sha256` (each part's SHA-256), or `none`.
 */
export const CHECKSUMS = ["crc64nvme", "sha256", "none"] as const;

/** Who checked a file's recorded checksum: storage (it refused anything else), or the server reading the object once. */
export const CHECKSUM_VERIFIERS = ["storage", "server"] as const;

/** A value of {@link SESSION_STATUSES}. */
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A value of {@link STRATEGIES}. */
export type UploadStrategy = (typeof STRATEGIES)[number];

/** A value of {@link CHECKSUMS}. */
export type ChecksumMode = (typeof CHECKSUMS)[number];

/** A value of {@link CHECKSUM_VERIFIERS}. */
export type ChecksumVerifier = (typeof CHECKSUM_VERIFIERS)[number];
