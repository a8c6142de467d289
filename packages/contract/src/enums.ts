/**
 * The closed sets of values an upload session carries. They live here, zod-free, so the schemas
 * (`z.enum`), the database columns and the browser client all take them from one place.
 */

/** Lifecycle states of an upload session; only `uploading` sessions accept parts. */
export const SESSION_STATUSES = ["uploading", "completing", "complete", "aborted", "expired"] as const;

/** `single`: one presigned PUT; `multipart`: S3 multipart upload with equal parts except the last. */
export const STRATEGIES = ["single", "multipart"] as const;

/** Whether parts carry a SHA-256 checksum that storage verifies. */
export const CHECKSUMS = ["sha256", "none"] as const;

/** A value of {@link SESSION_STATUSES}. */
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** A value of {@link STRATEGIES}. */
export type UploadStrategy = (typeof STRATEGIES)[number];

/** A value of {@link CHECKSUMS}. */
export type ChecksumMode = (typeof CHECKSUMS)[number];
