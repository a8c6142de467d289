import { z } from "zod";
import { SESSION_STATUSES } from "../enums.js";
import { FileNameSchema } from "../file-name.js";
import { MAX_PART_SIZE, MAX_PARTS, MAX_SAFE_SIZE } from "../limits.js";
import { typeError } from "../messages.js";
import { MimeTypeSchema } from "../mime.js";
import { FileRecordSchema } from "./files.js";
import { CompletedPartListSchema } from "./parts.js";
import {
  ChecksumModeSchema,
  Crc64Base64Schema,
  CursorSchema,
  HttpUrlSchema,
  IsoDateSchema,
  PageInputShape,
  RouteNameSchema,
  SignedHeadersSchema,
  SizeSchema,
  StorageKeySchema,
  UploadIdSchema,
  UploadStrategySchema,
  wholeNumber,
} from "./common.js";

/** The largest a stream of unknown length may grow: its plan and quotas use it (see `upload.create`). */
export const MaxSizeSchema = wholeNumber("maxSize", 0, MAX_SAFE_SIZE, "bytes");

const SIZE_OR_MAX = "give exactly one of size (the file's exact byte count) and maxSize (the most a stream of unknown length may hold)";

/** True when the size fields themselves passed, so "exactly one" speaks about what the caller sent. */
function sizeFieldsValid(payload: { issues: readonly { path?: readonly PropertyKey[] }[] }): boolean {
  return !payload.issues.some((issue) => issue.path?.[0] === "size" || issue.path?.[0] === "maxSize");
}

/**
 * Input of `upload.create`. The server picks the key; clients never send one. A stream whose length is not known
 * yet sends `maxSize` instead of `size`: the session is multipart, planned for `maxSize`, and its size is what
 * storage holds at complete.
 */
export const CreateUploadInputSchema = z
  .strictObject({
    route: RouteNameSchema.default("default"),
    name: FileNameSchema,
    size: SizeSchema.optional(),
    maxSize: MaxSizeSchema.optional(),
    type: MimeTypeSchema,
    // Milliseconds since the epoch, as File.lastModified; negative for files dated before 1970.
    lastModified: wholeNumber("lastModified", -MAX_SAFE_SIZE, MAX_SAFE_SIZE, "milliseconds").optional(),
    checksum: ChecksumModeSchema.optional(),
  })
  .refine((input) => (input.size === undefined) !== (input.maxSize === undefined), {
    error: (issue) => {
      const input = issue.input as { size?: unknown; maxSize?: unknown } | undefined;
      const neither = input?.size === undefined && input?.maxSize === undefined;
      return neither ? "size is required (or maxSize, for a stream of unknown length)" : SIZE_OR_MAX;
    },
    path: ["size"],
    // Also next to other fields' issues (a request missing name and size hears about both), never on bad size fields.
    when: (payload) => typeof payload.value === "object" && payload.value !== null && sizeFieldsValid(payload),
  });

const PartSizeSchema = wholeNumber("partSize", 1, MAX_PART_SIZE, "bytes");
const PartCountSchema = wholeNumber("partCount", 1, MAX_PARTS);

/** The presigned PUT of a `single` upload: send exactly `headers` (they are signed). */
export const SinglePutSchema = z.strictObject({
  url: HttpUrlSchema,
  method: z.literal("PUT"),
  headers: SignedHeadersSchema,
});

/** Output of `upload.create`: the plan, and for `single` uploads the one URL to PUT to. */
export const CreateUploadOutputSchema = z
  .strictObject({
    uploadId: UploadIdSchema,
    key: StorageKeySchema,
    strategy: UploadStrategySchema,
    partSize: PartSizeSchema,
    partCount: PartCountSchema,
    expiresAt: IsoDateSchema,
    checksum: ChecksumModeSchema,
    single: SinglePutSchema.optional(),
  })
  .refine((output) => (output.strategy === "single") === (output.single !== undefined), {
    error: "single must be present exactly when strategy is \"single\"",
    path: ["single"],
  });

/** Where an upload session stands; only `uploading` sessions accept parts. */
export const UploadStatusSchema = z.enum(SESSION_STATUSES);

/** An upload session as `upload.get` and `upload.list` show it, enough to resume from another device. */
export const UploadSessionSchema = z.strictObject({
  uploadId: UploadIdSchema,
  key: StorageKeySchema,
  name: FileNameSchema,
  // For a session created with `maxSize` that is not complete yet: the maximum (see `maxSize`).
  size: SizeSchema,
  // Present while the size is not known yet (a stream created with `maxSize`): `size` is then this maximum.
  maxSize: MaxSizeSchema.optional(),
  type: MimeTypeSchema,
  route: RouteNameSchema,
  strategy: UploadStrategySchema,
  partSize: PartSizeSchema,
  partCount: PartCountSchema,
  checksum: ChecksumModeSchema,
  status: UploadStatusSchema,
  expiresAt: IsoDateSchema,
  // Bytes in parts storage has confirmed, so a resumed client knows what is left.
  bytesConfirmed: SizeSchema,
  createdAt: IsoDateSchema,
});

/**
 * An upload session as `upload.list` shows it: what the database knows, without `bytesConfirmed`. Counting bytes
 * means asking storage for every part of every session, so a page of sessions would cost calls per part; a client
 * that needs the number asks `upload.get` or `upload.listParts` for the one session it resumes.
 */
export const UploadSessionSummarySchema = UploadSessionSchema.omit({ bytesConfirmed: true });

/** Input of `upload.get`, `upload.abort`. */
export const UploadIdInputSchema = z.strictObject({ uploadId: UploadIdSchema });

/** Input of `upload.list`: the caller's sessions, cursor-paged; only `uploading` can be filtered for. */
export const ListUploadsInputSchema = z.strictObject({
  status: z.literal("uploading", { error: 'status can only be "uploading"' }).optional(),
  ...PageInputShape,
});

/** Output of `upload.list`; `nextCursor` is absent on the last page. */
export const ListUploadsOutputSchema = z.strictObject({
  items: z.array(UploadSessionSummarySchema),
  nextCursor: CursorSchema.optional(),
});

/**
 * Input of `upload.complete`. `parts` is what the client saw; when given, the server also checks the ETags.
 * Storage's own part list is always checked against the plan either way.
 */
/**
 * Input of `upload.complete`. `checksum`: the whole file's CRC64NVME (base64), required by sessions created with
 * `checksum: "crc64nvme"` and refused by others; storage (or the server, reading the object once) checks it.
 */
export const CompleteUploadInputSchema = z.strictObject({
  uploadId: UploadIdSchema,
  parts: CompletedPartListSchema.optional(),
  checksum: Crc64Base64Schema.optional(),
});

/** Output of `upload.complete`; a repeated call returns the same record. */
export const CompleteUploadOutputSchema = z.strictObject({ file: FileRecordSchema });

/** Output of `upload.abort`. */
export const AbortUploadOutputSchema = z.strictObject({ status: z.literal("aborted") });

/** Input of `upload.routes`: nothing to ask for; `{}` or no input at all. */
export const ListRoutesInputSchema = z.strictObject({}).optional();

/** An allowed type as routes declare it: a MIME type (`image/png`), a family (`image/*`) or anything (`*\/*`). */
export const RouteTypeSchema = z
  .string({ error: typeError("types", "a string") })
  .max(255, { error: "a route type must be at most 255 characters" })
  .regex(/^[^\s/]+\/[^\s/]+$/, { error: 'a route type must look like "image/png", "image/*" or "*/*"' });

/** A route the caller may upload to, with the limits a picker shows before any file is chosen. */
export const UploadRouteSchema = z.strictObject({
  name: RouteNameSchema,
  maxSize: wholeNumber("maxSize", 0, MAX_SAFE_SIZE, "bytes"),
  types: z.array(RouteTypeSchema).min(1),
});

/** Output of `upload.routes`: only the routes the caller is allowed to use, in declaration order. */
export const ListRoutesOutputSchema = z.strictObject({ routes: z.array(UploadRouteSchema) });

/** {@link CreateUploadInputSchema} as the caller writes it (`route` optional). */
export type CreateUploadInput = z.input<typeof CreateUploadInputSchema>;
/** {@link CreateUploadInputSchema} after parsing (`route` filled in). */
export type CreateUploadParsed = z.output<typeof CreateUploadInputSchema>;
/** {@link CreateUploadOutputSchema} as a type. */
export type CreateUploadOutput = z.infer<typeof CreateUploadOutputSchema>;
/** {@link UploadSessionSchema} as a type. */
export type UploadSession = z.infer<typeof UploadSessionSchema>;
/** {@link UploadSessionSummarySchema} as a type. */
export type UploadSessionSummary = z.infer<typeof UploadSessionSummarySchema>;
/** {@link UploadIdInputSchema} as a type. */
export type UploadIdInput = z.infer<typeof UploadIdInputSchema>;
/** {@link ListUploadsInputSchema} as the caller writes it (`limit` optional). */
export type ListUploadsInput = z.input<typeof ListUploadsInputSchema>;
/** {@link ListUploadsInputSchema} after parsing (`limit` filled in). */
export type ListUploadsParsed = z.output<typeof ListUploadsInputSchema>;
/** {@link ListUploadsOutputSchema} as a type. */
export type ListUploadsOutput = z.infer<typeof ListUploadsOutputSchema>;
/** {@link CompleteUploadInputSchema} as a type. */
export type CompleteUploadInput = z.infer<typeof CompleteUploadInputSchema>;
/** {@link CompleteUploadOutputSchema} as a type. */
export type CompleteUploadOutput = z.infer<typeof CompleteUploadOutputSchema>;
/** {@link AbortUploadOutputSchema} as a type. */
export type AbortUploadOutput = z.infer<typeof AbortUploadOutputSchema>;
/** {@link UploadRouteSchema} as a type. */
export type UploadRoute = z.infer<typeof UploadRouteSchema>;
/** {@link ListRoutesInputSchema} as the caller writes it. */
export type ListRoutesInput = z.input<typeof ListRoutesInputSchema>;
/** {@link ListRoutesOutputSchema} as a type. */
export type ListRoutesOutput = z.infer<typeof ListRoutesOutputSchema>;
