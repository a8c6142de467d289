import { createHash } from "node:crypto";
import { Crc64NvmeJs } from "@aws-sdk/checksums";
import { describe, expect, it } from "vitest";
import { fromBlob } from "./from-blob";
import { Sha256Pool } from "./sha256-pool";

describe("fromBlob in a runtime without Web Workers (Node)", () => {
  const bytes = new Uint8Array(300_000).map((_, i) => (i * 7) % 256);

  it("hashes each part with WebCrypto on the calling thread, as storage wants it (base64 SHA-256)", async () => {
    const source = fromBlob(new Blob([bytes]), { name: "a.bin" });
    const expected = createHash("sha256").update(bytes.subarray(1000, 200_000)).digest("base64");
    expect(await source.sha256(1000, 200_000)).toBe(expected);
    await source.close?.();
  });

  it("hashes back-to-back parts from one read, each part its own sum", async () => {
    const source = fromBlob(new Blob([bytes]), { name: "a.bin" });
    const ranges = [{ start: 0, end: 100_000 }, { start: 100_000, end: 200_000 }, { start: 200_000, end: 300_000 }];
    const sums = ranges.map(({ start, end }) => createHash("sha256").update(bytes.subarray(start, end)).digest("base64"));
    expect(await source.sha256Parts?.(ranges)).toEqual(sums);
    expect(await source.sha256Parts?.([])).toEqual([]);
  });

  it("reads a range once for CRC64NVME on the calling thread: its bytes, and their sum as S3 gives it", async () => {
    const source = fromBlob(new Blob([bytes]), { name: "a.bin" });
    const { body, crc64nvme } = await source.readWithCrc64(1000, 200_000);
    expect(body).toEqual(bytes.subarray(1000, 200_000));
    const independent = new Crc64NvmeJs();
    independent.update(bytes.subarray(1000, 200_000));
    expect(crc64nvme).toBe(Buffer.from(await independent.digest()).toString("base64"));
    await expect(source.readWithCrc64(0, 300_001)).rejects.toThrow(RangeError);
    const streamed = await source.readWithCrc64(1000, 200_000, { streaming: true });
    expect(streamed.crc64nvme).toBe(crc64nvme);
    expect(streamed.body).toBeInstanceOf(Blob);
  });

  it("refuses pieces that reach past the blob", async () => {
    await expect(new Sha256Pool().hashPieces(new Blob([bytes]), 299_999, [1, 2])).rejects.toThrow(RangeError);
  });

  it("starts no worker there", async () => {
    const pool = new Sha256Pool();
    expect(await pool.hash(new Blob([bytes]))).toBe(createHash("sha256").update(bytes).digest("base64"));
    expect(pool.workers).toBe(0);
  });
});
