import { z } from "zod";
import { MAX_PART_SIZE, MAX_PARTS } from "../limits.js";
import {
  CursorSchema,
  ETagSchema,
  HttpUrlSchema,
  IsoDateSchema,
  PartNumberSchema,
  PartChecksumSchema,
  SignedHeadersSchema,
  UploadIdSchema,
  wholeNumber,
} from "./common.js";

/**
 * A batch of 1..10,000 part entries whose part numbers are unique. A duplicate is reported on the later entry, so
 * the client sees which index to drop.
 */
function uniquePartList<T extends z.ZodType<{ partNumber: number }>>(entry: T) {
  return z
    .array(entry, { error: "parts must be an array" })
    .min(1, { error: "parts must list at least one part" })
    .max(MAX_PARTS, { error: `parts must list at most ${MAX_PARTS} parts` })
    .check((ctx) => {
      const seen = new Set<number>();
      ctx.value.forEach(({ partNumber }, index) => {
        if (seen.has(partNumber)) {
          ctx.issues.push({
            code: "custom",
            input: ctx.value,
            path: [index, "partNumber"],
            message: `part numbers must be unique (${partNumber} is listed more than once)`,
          });
        }
        seen.add(partNumber);
      });
    });
}

/**
 * One part to sign; `checksum` is the part's CRC64NVME or SHA-256 (base64) when the upload was created with
 * `checksum: "crc64nvme"` or `"sha256"`.
 * `size` only for the last part of a session created with `maxSize` (a stream that ended): its length, at most
 * the part size; every other part is signed at the planned size.
 */
export const SignPartRequestSchema = z.strictObject({
  partNumber: PartNumberSchema,
  checksum: PartChecksumSchema.optional(),
  size: wholeNumber("size", 0, MAX_PART_SIZE, "bytes").optional(),
});

/** Input of `upload.signParts`: a batch of parts to presign. */
export const SignPartsInputSchema = z.strictObject({
  uploadId: UploadIdSchema,
  parts: uniquePartList(SignPartRequestSchema),
});

/** A presigned part PUT: send exactly `headers` (they are signed), before `expiresAt`. */
export const SignedPartSchema = z.strictObject({
  partNumber: PartNumberSchema,
  url: HttpUrlSchema,
  method: z.literal("PUT"),
  headers: SignedHeadersSchema,
  expiresAt: IsoDateSchema,
});

/** Output of `upload.signParts`. */
export const SignPartsOutputSchema = z.strictObject({ parts: z.array(SignedPartSchema) });

/** Input of `upload.listParts`: one page of the parts storage has received. */
export const ListPartsInputSchema = z.strictObject({ uploadId: UploadIdSchema, cursor: CursorSchema.optional() });

/** A part storage has received. */
export const UploadedPartSchema = z.strictObject({
  partNumber: PartNumberSchema,
  size: wholeNumber("size", 0, MAX_PART_SIZE, "bytes"),
  etag: ETagSchema,
});

/** Output of `upload.listParts`; `nextCursor` is absent on the last page. */
export const ListPartsOutputSchema = z.strictObject({
  parts: z.array(UploadedPartSchema),
  nextCursor: CursorSchema.optional(),
});

/** A part as the client saw it complete; the server checks it against what storage holds. */
export const CompletedPartSchema = z.strictObject({ partNumber: PartNumberSchema, etag: ETagSchema });

/** The optional part list of `upload.complete`: 1..10,000 entries, unique part numbers. */
export const CompletedPartListSchema = uniquePartList(CompletedPartSchema);

/** {@link SignPartsInputSchema} as a type. */
export type SignPartsInput = z.infer<typeof SignPartsInputSchema>;
/** {@link SignPartsOutputSchema} as a type. */
export type SignPartsOutput = z.infer<typeof SignPartsOutputSchema>;
/** {@link SignedPartSchema} as a type. */
export type SignedPart = z.infer<typeof SignedPartSchema>;
/** {@link ListPartsInputSchema} as a type. */
export type ListPartsInput = z.infer<typeof ListPartsInputSchema>;
/** {@link ListPartsOutputSchema} as a type. */
export type ListPartsOutput = z.infer<typeof ListPartsOutputSchema>;
/** {@link UploadedPartSchema} as a type. */
export type UploadedPart = z.infer<typeof UploadedPartSchema>;
/** {@link CompletedPartSchema} as a type. */
export type CompletedPart = z.infer<typeof CompletedPartSchema>;
