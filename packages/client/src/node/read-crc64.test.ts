import { randomBytes } from "node:crypto";
import { truncate, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { independentCrc64, tempDir } from "../../test/support";
import { fromPath } from "./from-path";

describe("fromPath readWithCrc64", () => {
  let temp: Awaited<ReturnType<typeof tempDir>>;
  let path: string;
  const bytes = randomBytes(3 * 1024 * 1024 + 77);
  beforeAll(async () => {
    temp = await tempDir("hoist-read-crc64-");
    path = temp.path("data.bin");
    await writeFile(path, bytes);
  });
  afterAll(() => temp.remove());

  it("reads a part once into its own buffer, with the CRC64NVME of exactly those bytes", async () => {
    const source = await fromPath(path);
    const first = await source.readWithCrc64?.(1000, 2_000_000);
    const second = await source.readWithCrc64?.(1000, 2_000_000);
    expect(first?.body).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(first?.body as Uint8Array).equals(bytes.subarray(1000, 2_000_000))).toBe(true);
    expect(first?.crc64nvme).toBe(await independentCrc64(bytes.subarray(1000, 2_000_000)));
    expect(second?.body).not.toBe(first?.body); // a buffer lent to a part is not lent again until it is released
    const empty = await source.readWithCrc64?.(5, 5);
    expect((empty?.body as Uint8Array).length).toBe(0);
    expect(empty?.crc64nvme).toBe(await independentCrc64(new Uint8Array(0)));
  });

  it("reads the next part into the buffer of a released (confirmed) one, right bytes and value", async () => {
    const source = await fromPath(path);
    const first = await source.readWithCrc64?.(0, 1_000_000);
    source.release?.(0, 1_000_000);
    const next = await source.readWithCrc64?.(1_000_000, 2_000_000);
    expect(next?.body).toBe(first?.body);
    expect(Buffer.from(next?.body as Uint8Array).equals(bytes.subarray(1_000_000, 2_000_000))).toBe(true);
    expect(next?.crc64nvme).toBe(await independentCrc64(bytes.subarray(1_000_000, 2_000_000)));
  });

  it("sums a part over the memory budget by a streaming read and leaves it a file range, sent streaming", async () => {
    const source = await fromPath(path);
    const read = await source.readWithCrc64?.(0, bytes.length, { streaming: true });
    expect(read?.body).toEqual({ kind: "file-range", path, start: 0, end: bytes.length });
    expect(read?.crc64nvme).toBe(await independentCrc64(bytes));
  });

  it("fails with SOURCE_CHANGED when the file got shorter than the part", async () => {
    const short = temp.path("short.bin");
    await writeFile(short, bytes);
    const source = await fromPath(short);
    await truncate(short, 1000);
    await expect(source.readWithCrc64?.(0, 5000)).rejects.toMatchObject({ code: "SOURCE_CHANGED" });
    await expect(source.readWithCrc64?.(0, 5000, { streaming: true })).rejects.toMatchObject({ code: "SOURCE_CHANGED" });
  });
});
