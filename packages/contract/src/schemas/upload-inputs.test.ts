import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CreateUploadInputSchema, CompleteUploadInputSchema, ListUploadsInputSchema, UploadIdInputSchema } from "./upload.js";
import { ListPartsInputSchema, SignPartsInputSchema } from "./parts.js";

const create = { name: "report.pdf", size: 1024, type: "application/pdf" };
const sha256OfEmpty = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
const manyParts = (count: number) => Array.from({ length: count }, (_, i) => ({ partNumber: i + 1 }));

type Row = [description: string, schema: z.ZodType, input: unknown, path: (string | number)[]];

const rejected: Row[] = [
  ["size negative", CreateUploadInputSchema, { ...create, size: -1 }, ["size"]],
  ["size fractional", CreateUploadInputSchema, { ...create, size: 1.5 }, ["size"]],
  ["size above 2^53-1", CreateUploadInputSchema, { ...create, size: 2 ** 53 }, ["size"]],
  ["size as a string", CreateUploadInputSchema, { ...create, size: "1024" }, ["size"]],
  ["size NaN", CreateUploadInputSchema, { ...create, size: Number.NaN }, ["size"]],
  ["size infinite", CreateUploadInputSchema, { ...create, size: Number.POSITIVE_INFINITY }, ["size"]],
  ["size missing", CreateUploadInputSchema, { name: "a", type: "text/plain" }, ["size"]],
  ["size and maxSize both", CreateUploadInputSchema, { ...create, maxSize: 4096 }, ["size"]],
  ["maxSize negative", CreateUploadInputSchema, { name: "a", type: "text/plain", maxSize: -1 }, ["maxSize"]],
  ["maxSize fractional", CreateUploadInputSchema, { name: "a", type: "text/plain", maxSize: 1.5 }, ["maxSize"]],
  ["name empty", CreateUploadInputSchema, { ...create, name: "" }, ["name"]],
  ["name of 256 UTF-8 bytes", CreateUploadInputSchema, { ...create, name: "é".repeat(128) }, ["name"]],
  ["name with a lone surrogate", CreateUploadInputSchema, { ...create, name: "a\ud83d.pdf" }, ["name"]],
  ["name with a C0 control", CreateUploadInputSchema, { ...create, name: "a\u0007.pdf" }, ["name"]],
  ["name with DEL", CreateUploadInputSchema, { ...create, name: "a\u007f.pdf" }, ["name"]],
  ["name with a C1 control", CreateUploadInputSchema, { ...create, name: "a\u0085.pdf" }, ["name"]],
  ["name with RLO", CreateUploadInputSchema, { ...create, name: "a\u202egpj.exe" }, ["name"]],
  ["name with an isolate", CreateUploadInputSchema, { ...create, name: "a\u2066b" }, ["name"]],
  ["name with LRM", CreateUploadInputSchema, { ...create, name: "a\u200eb" }, ["name"]],
  ["name with ALM", CreateUploadInputSchema, { ...create, name: "a\u061cb" }, ["name"]],
  ['name "/"', CreateUploadInputSchema, { ...create, name: "/" }, ["name"]],
  ['name "\\"', CreateUploadInputSchema, { ...create, name: "\\" }, ["name"]],
  ['name "."', CreateUploadInputSchema, { ...create, name: "." }, ["name"]],
  ['name ".."', CreateUploadInputSchema, { ...create, name: ".." }, ["name"]],
  ["name not a string", CreateUploadInputSchema, { ...create, name: 1 }, ["name"]],
  ["type without subtype", CreateUploadInputSchema, { ...create, type: "pdf" }, ["type"]],
  ["type empty", CreateUploadInputSchema, { ...create, type: "" }, ["type"]],
  ["type wildcard", CreateUploadInputSchema, { ...create, type: "image/*" }, ["type"]],
  ["type with a bad parameter", CreateUploadInputSchema, { ...create, type: "text/plain; charset" }, ["type"]],
  ["route with a slash", CreateUploadInputSchema, { ...create, route: "a/b" }, ["route"]],
  ["route empty", CreateUploadInputSchema, { ...create, route: "" }, ["route"]],
  ["checksum mode unknown", CreateUploadInputSchema, { ...create, checksum: "md5" }, ["checksum"]],
  ["lastModified fractional", CreateUploadInputSchema, { ...create, lastModified: 1.5 }, ["lastModified"]],
  ["an unknown key (a client-chosen key)", CreateUploadInputSchema, { ...create, key: "x/y" }, []],
  ["uploadId empty", SignPartsInputSchema, { uploadId: "", parts: manyParts(1) }, ["uploadId"]],
  ["uploadId of 201 chars", SignPartsInputSchema, { uploadId: "u".repeat(201), parts: manyParts(1) }, ["uploadId"]],
  ["uploadId with a control char", SignPartsInputSchema, { uploadId: "u\n1", parts: manyParts(1) }, ["uploadId"]],
  ["uploadId a number", UploadIdInputSchema, { uploadId: 5 }, ["uploadId"]],
  ["part number 0", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 0 }] }, ["parts", 0, "partNumber"]],
  ["part number 10,001", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 10_001 }] }, ["parts", 0, "partNumber"]],
  ["part number fractional", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 1.5 }] }, ["parts", 0, "partNumber"]],
  ["part number a string", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: "1" }] }, ["parts", 0, "partNumber"]],
  ["no parts", SignPartsInputSchema, { uploadId: "u", parts: [] }, ["parts"]],
  ["10,001 parts", SignPartsInputSchema, { uploadId: "u", parts: manyParts(10_001) }, ["parts"]],
  ["duplicate part numbers", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 2 }, { partNumber: 2 }] }, ["parts", 1, "partNumber"]],
  ["checksum of 43 chars", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 1, checksum: sha256OfEmpty.slice(1) }] }, ["parts", 0, "checksum"]],
  ["checksum in hex", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 1, checksum: "e3b0c442".repeat(8) }] }, ["parts", 0, "checksum"]],
  ["checksum with non-zero padding bits", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 1, checksum: `${sha256OfEmpty.slice(0, 42)}V=` }] }, ["parts", 0, "checksum"]],
  ["a CRC64NVME with non-zero padding bits", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 1, checksum: "rosUhgp5mIh=" }] }, ["parts", 0, "checksum"]],
  ["a CRC64NVME of 7 bytes", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 1, checksum: "rosUhgp5mA==" }] }, ["parts", 0, "checksum"]],
  ["a whole-file checksum that is a SHA-256", CompleteUploadInputSchema, { uploadId: "u", checksum: sha256OfEmpty }, ["checksum"]],
  ["a whole-file checksum with its algorithm prefix", CompleteUploadInputSchema, { uploadId: "u", checksum: "crc64nvme:rosUhgp5mIg=" }, ["checksum"]],
  ["an unknown key in a part", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 1, length: 5 }] }, ["parts", 0]],
  ["a part size above 5 GiB", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 1, size: 5 * 1024 ** 3 + 1 }] }, ["parts", 0, "size"]],
  ["a part size negative", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 1, size: -1 }] }, ["parts", 0, "size"]],
  ["an unknown key in signParts", SignPartsInputSchema, { uploadId: "u", parts: manyParts(1), extra: 1 }, []],
  ["listParts cursor empty", ListPartsInputSchema, { uploadId: "u", cursor: "" }, ["cursor"]],
  ["listParts unknown key", ListPartsInputSchema, { uploadId: "u", page: 2 }, []],
  ["upload.get unknown key", UploadIdInputSchema, { uploadId: "u", userId: "someone-else" }, []],
  ["upload.list status other than uploading", ListUploadsInputSchema, { status: "complete" }, ["status"]],
  ["upload.list limit 0", ListUploadsInputSchema, { limit: 0 }, ["limit"]],
  ["upload.list limit 101", ListUploadsInputSchema, { limit: 101 }, ["limit"]],
  ["upload.list limit fractional", ListUploadsInputSchema, { limit: 2.5 }, ["limit"]],
  ["upload.list unknown key", ListUploadsInputSchema, { all: true }, []],
  ["complete part number 0", CompleteUploadInputSchema, { uploadId: "u", parts: [{ partNumber: 0, etag: '"e"' }] }, ["parts", 0, "partNumber"]],
  ["complete etag missing", CompleteUploadInputSchema, { uploadId: "u", parts: [{ partNumber: 1 }] }, ["parts", 0, "etag"]],
  ["complete duplicate parts", CompleteUploadInputSchema, { uploadId: "u", parts: [{ partNumber: 1, etag: "a" }, { partNumber: 1, etag: "b" }] }, ["parts", 1, "partNumber"]],
  ["complete unknown key", CompleteUploadInputSchema, { uploadId: "u", size: 5 }, []],
];

describe("upload.* inputs refuse", () => {
  it.each(rejected)("%s", (_description, schema, input, path) => {
    const result = schema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
    for (const issue of result.error?.issues ?? []) expect(issue.message.length).toBeGreaterThan(10);
  });
});

const accepted: [description: string, schema: z.ZodType, input: unknown][] = [
  ["a unicode name", CreateUploadInputSchema, { ...create, name: "résumé 📄.pdf" }],
  ["a 255-byte name", CreateUploadInputSchema, { ...create, name: `${"📄".repeat(63)}abc` }],
  ["size 0", CreateUploadInputSchema, { ...create, size: 0 }],
  ["size 2^53-1", CreateUploadInputSchema, { ...create, size: Number.MAX_SAFE_INTEGER }],
  ["maxSize instead of size (a stream)", CreateUploadInputSchema, { name: "a", type: "text/plain", maxSize: 10 * 1024 ** 3 }],
  ["maxSize 0 (an empty stream)", CreateUploadInputSchema, { name: "a", type: "text/plain", maxSize: 0 }],
  ["a last part's size", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 3, size: 0 }] }],
  ["every optional field", CreateUploadInputSchema, { ...create, route: "image", lastModified: 1_700_000_000_000, checksum: "sha256" }],
  ["a type with parameters", CreateUploadInputSchema, { ...create, type: "text/plain; charset=utf-8" }],
  ["10,000 parts with checksums", SignPartsInputSchema, { uploadId: "u", parts: manyParts(10_000).map((p) => ({ ...p, checksum: sha256OfEmpty })) }],
  ["listParts with a cursor", ListPartsInputSchema, { uploadId: "u", cursor: "1000" }],
  ["upload.list without arguments", ListUploadsInputSchema, {}],
  ["upload.list with everything", ListUploadsInputSchema, { status: "uploading", cursor: "c", limit: 100 }],
  ["complete without parts", CompleteUploadInputSchema, { uploadId: "u" }],
  ["complete with parts", CompleteUploadInputSchema, { uploadId: "u", parts: [{ partNumber: 1, etag: '"abc"' }] }],
  ["complete with the whole file's CRC64NVME", CompleteUploadInputSchema, { uploadId: "u", checksum: "rosUhgp5mIg=" }],
  ["a part's CRC64NVME", SignPartsInputSchema, { uploadId: "u", parts: [{ partNumber: 1, checksum: "AAAAAAAAAAA=" }] }],
  ["create with checksum crc64nvme", CreateUploadInputSchema, { ...create, checksum: "crc64nvme" }],
];

describe("upload.* inputs accept", () => {
  it.each(accepted)("%s", (_description, schema, input) => {
    expect(schema.safeParse(input).error).toBeUndefined();
  });

  it("fills in the defaults", () => {
    expect(CreateUploadInputSchema.parse(create).route).toBe("default");
    expect(ListUploadsInputSchema.parse({}).limit).toBe(20);
  });

  it("says which field is missing rather than echoing undefined", () => {
    const issues = CreateUploadInputSchema.safeParse({}).error?.issues;
    expect(issues?.map((issue) => issue.message)).toEqual([
      "name is required",
      "type is required",
      "size is required (or maxSize, for a stream of unknown length)",
    ]);
  });

  it("says size and maxSize go one at a time", () => {
    const issues = CreateUploadInputSchema.safeParse({ ...create, maxSize: 4096 }).error?.issues;
    expect(issues?.map((issue) => issue.message)).toEqual([expect.stringContaining("give exactly one of size")]);
  });

  it("says what was wrong in words a person can act on", () => {
    const issues = CreateUploadInputSchema.safeParse({ ...create, name: "a".repeat(301), size: 1.5 }).error?.issues;
    expect(issues?.map((issue) => issue.message)).toEqual([
      "name must be at most 255 bytes in UTF-8 (got 301)",
      "size must be a whole number of bytes (got 1.5)",
    ]);
  });
});
