/**
 * Numbers fixed by the S3 API and by Hoist's public contract. Everything else (batch sizes, concurrency,
 * expiries, quotas) is configuration and lives with the package that owns it.
 */

/** One kibibyte (2^10 bytes). Hoist uses binary units everywhere, as S3's documented limits do. */
export const KiB = 1024;

/** One mebibyte (2^20 bytes). */
export const MiB = 1024 * KiB;

/** One gibibyte (2^30 bytes). */
export const GiB = 1024 * MiB;

/** One tebibyte (2^40 bytes). */
export const TiB = 1024 * GiB;

/** S3 numbers parts 1..10,000; a multipart upload can never hold more. */
export const MAX_PARTS = 10_000;

/** S3 rejects a non-last part smaller than 5 MiB at CompleteMultipartUpload (EntityTooSmall). */
export const MIN_PART_SIZE = 5 * MiB;

/** S3 rejects any single part, and any single PUT, larger than 5 GiB. */
export const MAX_PART_SIZE = 5 * GiB;

/**
 * Largest object Hoist accepts: 10,000 parts of 5 GiB = 53,687,091,200,000 bytes (about 48.8 TiB).
 * AWS documents this product rather than an exact "5 TB", so it is the figure every part plan can reach.
 */
export const MAX_OBJECT_SIZE = MAX_PART_SIZE * MAX_PARTS;

/** S3 ListParts answers at most 1,000 parts per page, so a full list needs up to 10 pages. */
export const LIST_PARTS_PAGE = 1000;

/** Largest size a JSON number carries exactly; anything above would be silently rounded on the wire. */
export const MAX_SAFE_SIZE = Number.MAX_SAFE_INTEGER;

/** File names are stored and sent as metadata; 255 UTF-8 bytes is what common file systems allow. */
export const MAX_NAME_BYTES = 255;

/** Upload and file ids, cursors and route names are opaque to clients but bounded to keep logs and URLs sane. */
export const MAX_ID_LENGTH = 200;

/** Page size used by list procedures when the caller does not ask for one. */
export const DEFAULT_PAGE_LIMIT = 20;

/** Largest page a caller may ask of a list procedure. */
export const MAX_PAGE_LIMIT = 100;
