import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UploadProgress } from "@hoist/client";
import { createNodeUploader, fileResumeStore, fromPath } from "@hoist/client/node";
import { FAULTS, MiB, oneMiBParts, RETRY, startFaultStack } from "../support/fault-stack";
import type { FaultStack } from "../support/fault-stack";
import { sha256Of, tempDir, writeRandomFile } from "@hoist/client/testing";

let stack: FaultStack;
let tmp: Awaited<ReturnType<typeof tempDir>>;
/** Resume records in the temp dir: the Node default (~/.hoist/resume) would outlive the test. */
let resumeStore: ReturnType<typeof fileResumeStore>;

beforeAll(async () => {
  stack = await startFaultStack({ proxy: { ...FAULTS, seed: 20_240 }, routes: oneMiBParts });
  tmp = await tempDir("hoist-faults-");
  resumeStore = fileResumeStore(tmp.path("resume"));
});
afterAll(async () => {
  // Temp files first: a stack that fails to close must not leave 100 MiB behind.
  await tmp.remove();
  await stack.close();
});

async function file(name: string, size: number): Promise<string> {
  const path = tmp.path(name);
  await writeRandomFile(path, size);
  return path;
}

describe("uploads through 20 % resets, 10 % hangs and 10 % 503 SlowDown on part PUTs", () => {
  it("a 30 MiB file (30 parts) arrives byte-identical and the retries show in progress", async () => {
    const path = await file("thirty.bin", 30 * MiB);
    const uploader = createNodeUploader({ trpc: await stack.api.client("alice"), concurrency: 4, retry: RETRY, resumeStore });
    const before = { ...stack.proxy.stats };
    const events: UploadProgress[] = [];
    const handle = uploader.upload(await fromPath(path), { onProgress: (p) => events.push(p) });
    const record = await handle.done;

    expect(record.size).toBe(30 * MiB);
    expect(await stack.storedSha256(record.key)).toBe(await sha256Of(path));
    // Seed 20,240 draws all three faults among its first 30 draws, and 30 parts make at least 30 PUTs: each
    // kind surely struck at least once, whatever order the parts went in.
    const { resets, halfCloses, slowDowns } = stack.proxy.stats;
    expect([resets - before.resets, halfCloses - before.halfCloses, slowDowns - before.slowDowns].every((n) => n > 0)).toBe(true);
    const progress = handle.progress();
    expect(progress).toMatchObject({ totalBytes: 30 * MiB, bytesConfirmed: 30 * MiB, partsDone: 30, partsTotal: 30 });
    expect(progress.bytesRetried).toBeGreaterThan(0);
    expect(progress.bytesSent).toBeGreaterThanOrEqual(30 * MiB);
    // Confirmed bytes only ever grow: a failed attempt must not be counted as stored.
    for (let i = 1; i < events.length; i += 1) expect(events[i]!.bytesConfirmed).toBeGreaterThanOrEqual(events[i - 1]!.bytesConfirmed);
    expect(events.every((e) => e.bytesConfirmed <= e.totalBytes)).toBe(true);
  });

  it("several files at once through one uploader, with per-part SHA-256, all arrive byte-identical", async () => {
    const sizes = { "a.bin": 12 * MiB + 7, "b.bin": 20 * MiB, "c.bin": 30 * MiB - 1, "small.bin": 700 * 1024 };
    const paths = await Promise.all(Object.entries(sizes).map(([name, size]) => file(name, size)));
    const uploader = createNodeUploader({
      trpc: await stack.api.client("bob"),
      concurrency: 6,
      retry: RETRY,
      checksum: "sha256",
      resumeStore,
    });
    const handles = await Promise.all(paths.map(async (path) => uploader.upload(await fromPath(path))));
    const records = await Promise.all(handles.map((h) => h.done));

    for (const [i, record] of records.entries()) {
      expect(record.size).toBe(Object.values(sizes)[i]);
      expect(await stack.storedSha256(record.key)).toBe(await sha256Of(paths[i]!));
      expect(handles[i]!.progress().bytesConfirmed).toBe(record.size);
    }
    const retried = handles.reduce((sum, h) => sum + h.progress().bytesRetried, 0);
    expect(retried).toBeGreaterThan(0);
    const client = await stack.api.client("bob");
    expect((await client.upload.list.query({ status: "uploading" })).items).toEqual([]);
  });

});
