import { describe, expect, it } from "vitest";
import { fingerprintOf } from "./fingerprint";
import type { UploadSource } from "./types";

function source(bytes: Uint8Array, over: Partial<UploadSource> = {}): UploadSource {
  return {
    name: "a.bin", size: bytes.length, type: "application/octet-stream", lastModified: 1, seekable: true,
    part: () => Promise.resolve(bytes), sha256: () => Promise.resolve(""),
    head: (n) => Promise.resolve(bytes.subarray(0, n)),
    ...over,
  };
}

describe("fingerprintOf", () => {
  const bytes = new Uint8Array(100_000).map((_, i) => i % 251);

  it("is a stable hex id for the same name, size, date and head", async () => {
    const a = await fingerprintOf(source(bytes));
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await fingerprintOf(source(bytes))).toBe(a);
  });

  it("changes with the name, the date or the first 64 KiB, not with bytes after them", async () => {
    const a = await fingerprintOf(source(bytes));
    expect(await fingerprintOf(source(bytes, { name: "b.bin" }))).not.toBe(a);
    expect(await fingerprintOf(source(bytes, { lastModified: 2 }))).not.toBe(a);
    const early = bytes.slice();
    early[10] = 7;
    expect(await fingerprintOf(source(early))).not.toBe(a);
    const late = bytes.slice();
    late[90_000] = 7;
    expect(await fingerprintOf(source(late))).toBe(a);
  });

  it("is undefined for sources that cannot be re-read", async () => {
    expect(await fingerprintOf(source(bytes, { seekable: false }))).toBeUndefined();
  });
});
