import type { FileRecord, UploadSession, UploadSessionSummary } from "@hoist/contract";
import type { FileRow, UploadSessionRow } from "@hoist/db";

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
    ...(row.checksum === null ? {} : { checksum: row.checksum }),
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
