import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BufferPool, fileRange, readRange } from "./file-range";

describe("readRange", () => {
  let dir: string;
  let path: string;
  const bytes = randomBytes(100_000 + 17);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hoist-file-range-"));
    path = join(dir, "data.bin");
    await writeFile(path, bytes);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("yields the range's bytes in order, never more than `depth` chunks out, from reused buffers", async () => {
    const pool = new BufferPool(4096, 8);
    const held: { chunk: Buffer; done: () => void }[] = [];
    const copies: Buffer[] = [];
    const buffers = new Set<ArrayBufferLike>();
    let most = 0;
    // The consumer gives chunks back late (as a slow socket would): reads must wait for them.
    const release = setInterval(() => held.shift()?.done(), 1);
    try {
      await readRange(fileRange(path, 1234, 98_765), pool, 3, (chunk, done) => {
        copies.push(Buffer.from(chunk));
        buffers.add(chunk.buffer);
        held.push({ chunk, done });
        most = Math.max(most, held.length);
      });
    } finally {
      clearInterval(release);
    }
    expect(Buffer.concat(copies).equals(bytes.subarray(1234, 98_765))).toBe(true);
    expect(copies.length).toBe(Math.ceil((98_765 - 1234) / 4096));
    expect(most).toBe(3);
    expect(buffers.size).toBeLessThanOrEqual(3);
  });

  it("fails with a clear message when the file is shorter than the range (it changed after planning)", async () => {
    const pool = new BufferPool(4096, 2);
    await expect(readRange(fileRange(path, 90_000, 200_000), pool, 2, (_chunk, done) => { done(); })).rejects.toThrow(
      `ended at byte ${bytes.length}, before 200000: the file changed during the upload`,
    );
  });

  it("stops waiting for a chunk that will never come back when its signal aborts", async () => {
    const gone = new AbortController();
    const pool = new BufferPool(4096, 2);
    let chunks = 0;
    const reading = readRange(fileRange(path, 0, bytes.length), pool, 2, () => {
      chunks += 1;
      if (chunks === 2) setTimeout(() => { gone.abort(new Error("request closed")); }, 5);
    }, gone.signal);
    await expect(reading).rejects.toThrow("request closed");
    expect(chunks).toBe(2);
  });

  it("reads nothing for an empty range", async () => {
    let called = false;
    await readRange(fileRange(path, 5, 5), new BufferPool(4096, 1), 1, () => (called = true));
    expect(called).toBe(false);
  });
});
