import type { FileRecord, UploadSession, UploadSessionSummary } from "@hoist/contract";
import type { FileRow, UploadSessionRow } from "@hoist/db";

/**
 * The checksum fields of a record: a verified value with who verified it, or the client's unverified value.
 * A bare base64 value is a storage-verified SHA-256 recorded before checksums named their algorithm (migration
 * 0006 prefixes those; read it right should one slip through).
 */
function checksumOf(row: FileRow): Pick<FileRecord, "checksum" | "checksumVerifiedBy" | "unverifiedChecksum"> {
  const unverified = row.unverifiedChecksum === null ? {} : { unverifiedChecksum: row.unverifiedChecksum };
  if (row.checksum === null) return unverified;
  if (!row.checksum.includes(":")) return { checksum: `sha256:${row.checksum}`, checksumVerifiedBy: "storage" };
  return { checksum: row.checksum, checksumVerifiedBy: row.checksumVerifiedBy ?? "storage", ...unverified };
}

/** A `files` row as the contract's `FileRecord` (ISO dates, no user id, checksum only when known). */
export function toFileRecord(row: FileRow): FileRecord {
  return {
    id: row.id,
    name: row.name,
    size: row.size,
    type: row.type,
    route: row.route,
    key: row.key,
    etag: row.etag,
    ...checksumOf(row),
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt.toISOString(),
  };
}

/** A session row as `upload.list` shows it: only what the database knows. */
export function toUploadSummary(row: UploadSessionRow): UploadSessionSummary {
  return {
    uploadId: row.id,
    key: row.key,
    name: row.name,
    size: row.size,
    type: row.type,
    route: row.route,
    strategy: row.strategy,
    partSize: row.partSize,
    partCount: row.partCount,
    checksum: row.checksum,
    status: row.status,
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    // A stream's size is known once complete recorded it; until then `size` is its maximum.
    ...(row.maxSize !== null && row.status !== "complete" && { maxSize: row.maxSize }),
  };
}

/** A session row as `upload.get` shows it, with the bytes storage has confirmed so far. */
export function toUploadSession(row: UploadSessionRow, bytesConfirmed: number): UploadSession {
  return { ...toUploadSummary(row), bytesConfirmed };
}
