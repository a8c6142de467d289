import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { fromStream } from "./from-stream";

/** A stream in odd-sized chunks that records how far it has been read. */
function chunked(bytes: Buffer, chunk = 333) {
  const state = { pulled: 0 };
  async function* gen() {
    await Promise.resolve(); // a real stream yields asynchronously
    for (let i = 0; i < bytes.length; i += chunk) {
      state.pulled = Math.min(bytes.length, i + chunk);
      yield bytes.subarray(i, i + chunk);
    }
  }
  return { stream: gen(), state };
}

describe("fromStream", () => {
  const bytes = randomBytes(10_000);
  const part = 1000;

  it("serves parts in order, keeps them for retries until released, then frees them", async () => {
    const { stream } = chunked(bytes);
    const source = fromStream(stream, { size: bytes.length, name: "s.csv" }) as ReturnType<typeof fromStream> & { buffered: number };
    expect(source).toMatchObject({ seekable: false, type: "text/csv" });
    const first = await source.part(0, part);
    expect(Buffer.from(first as Uint8Array).equals(bytes.subarray(0, part))).toBe(true);
    expect(await source.part(0, part)).toBe(first); // a retry gets the same bytes
    expect(await source.sha256(0, part)).toBe(createHash("sha256").update(bytes.subarray(0, part)).digest("base64"));
    source.release?.(0, part);
    expect(source.buffered).toBe(0);
    await expect(source.part(0, part)).rejects.toThrow("already released");
  });

  it("reads concurrent asks in stream order and buffers no more than the parts asked for", async () => {
    const { stream, state } = chunked(bytes);
    const source = fromStream(stream, { size: bytes.length, name: "s.bin" }) as ReturnType<typeof fromStream> & { buffered: number };
    const got = await Promise.all([2, 0, 1].map((n) => source.part(n * part, (n + 1) * part)));
    [2, 0, 1].forEach((n, i) => {
      expect(Buffer.from(got[i] as Uint8Array).equals(bytes.subarray(n * part, (n + 1) * part))).toBe(true);
    });
    expect(source.buffered).toBe(3 * part);
    expect(state.pulled).toBeLessThan(3 * part + 333);
    for (const n of [0, 1, 2]) source.release?.(n * part, (n + 1) * part);
    expect(source.buffered).toBe(0);
  });

  it("fails when the stream is shorter than its declared size", async () => {
    const source = fromStream(Readable.from([Buffer.alloc(10)]), { size: 20, name: "short" });
    await expect(source.part(0, 20)).rejects.toThrow("ended after 10 bytes");
  });
});
