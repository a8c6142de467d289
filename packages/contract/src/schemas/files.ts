import { z } from "zod";
import { FileNameSchema } from "../file-name.js";
import { MimeTypeSchema } from "../mime.js";
import {
  ChecksumVerifierSchema,
  CursorSchema,
  ETagSchema,
  FileIdSchema,
  HttpUrlSchema,
  IsoDateSchema,
  PageInputShape,
  RouteNameSchema,
  SizeSchema,
  StorageKeySchema,
} from "./common.js";

// "<algorithm>:<base64>": a CRC64NVME of the whole object, or S3's SHA-256 (composite, "-<part count>", for multipart).
const STORED_CHECKSUM = /^(?:crc64nvme:[A-Za-z0-9+/]{10}[AEIMQUYcgkosw048]=|sha256:[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=(?:-\d{1,5})?)$/;
const checksumField = () =>
  z.string().regex(STORED_CHECKSUM, { error: 'checksum must be "crc64nvme:<base64>" or "sha256:<base64>[-<parts>]"' });

/**
 * A stored, verified file. Dates are ISO 8601 UTC. `checksum` (`"<algorithm>:<base64>"`) is present only when it
 * was verified, and `checksumVerifiedBy` says by whom: `storage` (it refused any other bytes) or `server` (a route
 * with `verify: "read"` read the object once after complete). A whole-file value the client sent that nobody
 * could check (storage without CRC64NVME support, no `verify: "read"`) is `unverifiedChecksum`, never `checksum`.
 */
export const FileRecordSchema = z.strictObject({
  id: FileIdSchema,
  name: FileNameSchema,
  size: SizeSchema,
  type: MimeTypeSchema,
  route: RouteNameSchema,
  key: StorageKeySchema,
  etag: ETagSchema,
  checksum: checksumField().optional(),
  checksumVerifiedBy: ChecksumVerifierSchema.optional(),
  unverifiedChecksum: checksumField().optional(),
  createdAt: IsoDateSchema,
  completedAt: IsoDateSchema,
});

/** Input of `files.list`: the caller's files, newest first, cursor-paged. */
export const ListFilesInputSchema = z.strictObject(PageInputShape);

/** Output of `files.list`; `nextCursor` is absent on the last page. */
export const ListFilesOutputSchema = z.strictObject({
  items: z.array(FileRecordSchema),
  nextCursor: CursorSchema.optional(),
});

/** Input of `files.get`, `files.delete`. */
export const FileIdInputSchema = z.strictObject({ id: FileIdSchema });

/** Input of `files.downloadUrl`; `attachment` makes browsers save rather than display. */
export const DownloadUrlInputSchema = z.strictObject({
  id: FileIdSchema,
  disposition: z.enum(["inline", "attachment"], { error: 'disposition must be "inline" or "attachment"' }).optional(),
});

/** Output of `files.downloadUrl`: a short-lived presigned GET. */
export const DownloadUrlOutputSchema = z.strictObject({ url: HttpUrlSchema, expiresAt: IsoDateSchema });

/** Output of `files.delete`. */
export const DeleteFileOutputSchema = z.strictObject({ deleted: z.literal(true) });

/** {@link FileRecordSchema} as a type. */
export type FileRecord = z.infer<typeof FileRecordSchema>;
/** {@link ListFilesInputSchema} as the caller writes it (`limit` optional). */
export type ListFilesInput = z.input<typeof ListFilesInputSchema>;
/** {@link ListFilesInputSchema} after parsing (`limit` filled in). */
export type ListFilesParsed = z.output<typeof ListFilesInputSchema>;
/** {@link ListFilesOutputSchema} as a type. */
export type ListFilesOutput = z.infer<typeof ListFilesOutputSchema>;
/** {@link FileIdInputSchema} as a type. */
export type FileIdInput = z.infer<typeof FileIdInputSchema>;
/** {@link DownloadUrlInputSchema} as a type. */
export type DownloadUrlInput = z.infer<typeof DownloadUrlInputSchema>;
/** {@link DownloadUrlOutputSchema} as a type. */
export type DownloadUrlOutput = z.infer<typeof DownloadUrlOutputSchema>;
/** {@link DeleteFileOutputSchema} as a type. */
export type DeleteFileOutput = z.infer<typeof DeleteFileOutputSchema>;
