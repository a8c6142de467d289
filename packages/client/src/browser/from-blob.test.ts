import { createHash } from "node:crypto";
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

  it("starts no worker there", async () => {
    const pool = new Sha256Pool();
    expect(await pool.hash(new Blob([bytes]))).toBe(createHash("sha256").update(bytes).digest("base64"));
    expect(pool.workers).toBe(0);
  });
});
