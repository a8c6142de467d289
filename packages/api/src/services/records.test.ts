import { describe, expect, it } from "vitest";
import { FileRecordSchema } from "@hoist/contract";
import type { FileRow } from "@hoist/db";
import { toFileRecord } from "./records";

const row: FileRow = {
  id: "f1", userId: "u", sessionId: null, name: "a.bin", size: 3, type: "application/octet-stream", route: "default",
  key: "default/u/2026/11/f1", etag: '"e"', checksum: null, checksumVerifiedBy: null, unverifiedChecksum: null,
  createdAt: new Date(0), completedAt: new Date(0),
};
const sha = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=-3";

describe("toFileRecord checksums", () => {
  it.each([
    ["none", {}, {}],
    ["verified by storage", { checksum: "crc64nvme:rosUhgp5mIg=", checksumVerifiedBy: "storage" }, { checksum: "crc64nvme:rosUhgp5mIg=", checksumVerifiedBy: "storage" }],
    ["verified by the server", { checksum: "crc64nvme:rosUhgp5mIg=", checksumVerifiedBy: "server" }, { checksum: "crc64nvme:rosUhgp5mIg=", checksumVerifiedBy: "server" }],
    ["unverified", { unverifiedChecksum: "crc64nvme:rosUhgp5mIg=" }, { unverifiedChecksum: "crc64nvme:rosUhgp5mIg=" }],
    // Recorded before checksums named their algorithm (migration 0006 prefixes these; read right if one slips by).
    ["a bare legacy SHA-256", { checksum: sha }, { checksum: `sha256:${sha}`, checksumVerifiedBy: "storage" }],
  ] as const)("%s", (_name, fields, expected) => {
    const record = toFileRecord({ ...row, ...fields });
    expect(FileRecordSchema.parse(record)).toEqual(record);
    expect({ checksum: record.checksum, checksumVerifiedBy: record.checksumVerifiedBy, unverifiedChecksum: record.unverifiedChecksum }).toEqual({
      checksum: undefined, checksumVerifiedBy: undefined, unverifiedChecksum: undefined, ...expected,
    });
  });
});
