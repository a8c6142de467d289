import { z } from "zod";
import { FileNameSchema } from "../file-name.js";
import { MimeTypeSchema } from "../mime.js";
import {
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

// S3 full-object checksums are plain base64; composite ones (multipart) end in "-<part count>".
const STORED_CHECKSUM = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=(?:-\d{1,5})?$/;

/** A stored, verified file. Dates are ISO 8601 UTC. `checksum` is S3's SHA-256 (composite for multipart). */
export const FileRecordSchema = z.strictObject({
  id: FileIdSchema,
  name: FileNameSchema,
  size: SizeSchema,
  type: MimeTypeSchema,
  route: RouteNameSchema,
  key: StorageKeySchema,
  etag: ETagSchema,
  checksum: z.string().regex(STORED_CHECKSUM, { error: "checksum must be a base64 SHA-256" }).optional(),
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
