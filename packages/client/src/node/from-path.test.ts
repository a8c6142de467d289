import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planParts, partRange } from "@hoist/contract/core";
import type { PartBody } from "../types";
import { fromPath, typeFromName } from "./from-path";
import { bodyStream } from "./stream-body";

async function bytesOf(body: PartBody): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of bodyStream(body) as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

describe("fromPath", () => {
  let dir: string;
  const bytes = randomBytes(10_000 + 123);
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hoist-from-path-"));
    await writeFile(join(dir, "photo.JPG"), bytes);
    await writeFile(join(dir, "empty"), new Uint8Array(0));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("reads each part's range (in any order, again for a retry) and hashes it", async () => {
    const source = await fromPath(join(dir, "photo.JPG"));
    expect(source).toMatchObject({ name: "photo.JPG", size: bytes.length, type: "image/jpeg", seekable: true });
    const plan = planParts(bytes.length, { minPartSize: 1024 });
    for (const n of [plan.partCount, 1, 3, 3]) {
      const { start, end } = partRange(plan, n);
      expect((await bytesOf(await source.part(start, end))).equals(bytes.subarray(start, end))).toBe(true);
      expect(await source.sha256(start, end)).toBe(createHash("sha256").update(bytes.subarray(start, end)).digest("base64"));
      expect(await source.md5?.(start, end)).toBe(createHash("md5").update(bytes.subarray(start, end)).digest("hex"));
    }
    expect(Buffer.from(await source.head!(64)).equals(bytes.subarray(0, 64))).toBe(true);
    await source.close?.();
    // Closed sources reopen on demand (a second upload of the same source object).
    expect((await bytesOf(await source.part(0, 10))).equals(bytes.subarray(0, 10))).toBe(true);
    await source.close?.();
  });

  it("handles an empty file", async () => {
    const source = await fromPath(join(dir, "empty"), { type: "text/plain" });
    expect(source).toMatchObject({ size: 0, type: "text/plain" });
    expect((await bytesOf(await source.part(0, 0))).length).toBe(0);
    expect(await source.sha256(0, 0)).toBe(createHash("sha256").digest("base64"));
  });

  it("guesses types from a small table", () => {
    expect(typeFromName("a.PDF")).toBe("application/pdf");
    expect(typeFromName("noext")).toBe("application/octet-stream");
  });
});
