import { describe, expect, it } from "vitest";
import { FileRecordSchema, ListFilesOutputSchema } from "./files.js";
import { ListPartsOutputSchema, SignPartsOutputSchema } from "./parts.js";
import { procedures } from "./procedures.js";
import { CreateUploadOutputSchema, UploadSessionSchema } from "./upload.js";

const at = "2025-01-31T12:00:00.000Z";
const file = {
  id: "f_1",
  name: "résumé 📄.pdf",
  size: 0,
  type: "application/pdf",
  route: "default",
  key: "default/u1/2025/01/f_1",
  etag: '"d41d8cd98f00b204e9800998ecf8427e"',
  createdAt: at,
  completedAt: at,
};
const put = { url: "https://s3.example.com/b/k?X-Amz-Signature=abc", method: "PUT", headers: { "content-length": "5" } };
const plan = { uploadId: "up_1", key: file.key, partSize: 5_242_880, partCount: 1, expiresAt: at, checksum: "none" };

describe("output schemas", () => {
  it("accept what the server sends", () => {
    expect(FileRecordSchema.parse(file)).toEqual(file);
    expect(FileRecordSchema.parse({ ...file, checksum: "sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=-3" })).toBeTruthy();
    expect(FileRecordSchema.parse({ ...file, checksum: "crc64nvme:rosUhgp5mIg=", checksumVerifiedBy: "storage" })).toBeTruthy();
    expect(FileRecordSchema.parse({ ...file, unverifiedChecksum: "crc64nvme:rosUhgp5mIg=" })).toBeTruthy();
    expect(ListFilesOutputSchema.parse({ items: [file], nextCursor: "c" }).items).toHaveLength(1);
    expect(CreateUploadOutputSchema.parse({ ...plan, strategy: "single", single: put }).single).toEqual(put);
    expect(CreateUploadOutputSchema.parse({ ...plan, strategy: "multipart", partCount: 3 }).partCount).toBe(3);
    expect(SignPartsOutputSchema.parse({ parts: [{ partNumber: 1, ...put, expiresAt: at }] }).parts).toHaveLength(1);
    expect(ListPartsOutputSchema.parse({ parts: [{ partNumber: 1, size: 5, etag: '"e"' }] }).nextCursor).toBeUndefined();
    const session = { ...plan, name: "a.bin", size: 10, type: "application/octet-stream", route: "default" };
    const full = { ...session, strategy: "multipart", status: "uploading", bytesConfirmed: 0, createdAt: at };
    expect(UploadSessionSchema.parse(full).status).toBe("uploading");
    // A stream's session before complete: size is its maximum, and maxSize says so.
    expect(UploadSessionSchema.parse({ ...full, maxSize: 10 }).maxSize).toBe(10);
  });

  it.each([
    ["a file record leaking an internal field", FileRecordSchema, { ...file, userId: "u1" }, []],
    ["a date that is not ISO 8601", FileRecordSchema, { ...file, createdAt: "31/01/2025" }, ["createdAt"]],
    ["a single upload without its PUT", CreateUploadOutputSchema, { ...plan, strategy: "single" }, ["single"]],
    ["a multipart upload with a single PUT", CreateUploadOutputSchema, { ...plan, strategy: "multipart", single: put }, ["single"]],
    ["a part URL that is not http(s)", SignPartsOutputSchema, { parts: [{ partNumber: 1, ...put, url: "file:///etc/passwd", expiresAt: at }] }, ["parts", 0, "url"]],
    ["a part signed for POST", SignPartsOutputSchema, { parts: [{ partNumber: 1, ...put, method: "POST", expiresAt: at }] }, ["parts", 0, "method"]],
  ])("refuse %s", (_description, schema, input, path) => {
    expect(schema.safeParse(input).error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });
});

describe("procedures", () => {
  it("lists every procedure of the contract with an input and an output", () => {
    const names = Object.entries(procedures).flatMap(([router, record]) =>
      Object.keys(record).map((name) => `${router}.${name}`),
    );
    expect(names.sort()).toEqual([
      "files.delete",
      "files.downloadUrl",
      "files.get",
      "files.list",
      "files.onCompleted",
      "upload.abort",
      "upload.complete",
      "upload.create",
      "upload.get",
      "upload.list",
      "upload.listParts",
      "upload.routes",
      "upload.signParts",
    ]);
  });
});
