import { createReadStream } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeUploader, fileResumeStore, fromPath, fromStream, fromUnsizedStream } from "@hoist/client/node";
import type { UploadError, UploadSource } from "@hoist/client";
import type { FileRecord } from "@hoist/contract";
import { s3Profile } from "@hoist/server/testing";
import { independentCrc64 } from "../support";
import { countingClient, engineStack, storedCrc64, storedSha256, watchTransport, writeTestFile } from "./engine-kit";

/**
 * What the record says of the whole file's CRC64NVME: verified by storage where it checks CRC64NVME; elsewhere
 * (Ceph RGW: no x-amz-checksum-* at all) the client's value is kept as unverified, never claimed as checked.
 */
function expectRecorded(file: FileRecord, crc: string): void {
  if (s3Profile.crc64nvme) {
    expect(file).toMatchObject({ checksum: `crc64nvme:${crc}`, checksumVerifiedBy: "storage" });
  } else {
    expect(file).toMatchObject({ unverifiedChecksum: `crc64nvme:${crc}` });
    expect(file).not.toHaveProperty("checksum");
  }
}

/** `source` with its one-pass reads counted: the engine must read each part once and never the file again. */
function countingReads(source: UploadSource): { source: UploadSource; reads: number[] } {
  const reads: number[] = [];
  const read = source.readWithCrc64?.bind(source);
  if (read === undefined) throw new Error("a file source reads with its CRC64NVME");
  return { reads, source: { ...source, readWithCrc64: (start, end, options) => (reads.push(start), read(start, end, options)) } };
}

describe("engine: crc64nvme, the whole file checked in one pass", () => {
  const env = engineStack();

  it("records the whole file's CRC64NVME, equal to the stored object's, reading every part once (multipart)", async () => {
    const path = join(env.temp.dir, "whole.bin");
    const size = env.floor * 23 + 11;
    const digest = await writeTestFile(path, size, 3);
    const { trpc } = await countingClient(env.stack, "alice");
    const headers: (string | undefined)[] = [];
    const watched = watchTransport(env.transport, (req) => {
      headers.push(req.headers["x-amz-checksum-crc64nvme"]);
      return req;
    });
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, concurrency: 4 });
    const { source, reads } = countingReads(await fromPath(path));
    const file = await uploader.upload(source).done;
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
    expectRecorded(file, await storedCrc64(env.stack, file.key));
    expect(reads.sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i * env.floor));
    // Storage that checks CRC64NVME gets each part's value as a signed header; other storage gets none.
    expect(headers.every((h) => (s3Profile.crc64nvme ? /^[A-Za-z0-9+/]{11}=$/.test(h ?? "") : h === undefined))).toBe(true);
  });

  it("records it for a single PUT, an empty file included", async () => {
    const { trpc } = await countingClient(env.stack, "bob");
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false });
    for (const size of [0, 1000]) {
      const path = join(env.temp.dir, `single-${size}.bin`);
      await writeTestFile(path, size, 4);
      const file = await uploader.upload(await fromPath(path)).done;
      expect(file.size).toBe(size);
      expectRecorded(file, await independentCrc64(path));
    }
  });

  it("a resumed upload reads the parts storage kept (locally, for their values) and records the right whole value", async () => {
    const path = join(env.temp.dir, "resumed.bin");
    await writeTestFile(path, env.floor * 12 - 1, 5);
    const store = fileResumeStore(join(env.temp.dir, "store-carol"));
    const { trpc } = await countingClient(env.stack, "carol");
    const stop = new AbortController();
    let stored = 0;
    const stopping = watchTransport({
      put: async (req) => {
        const res = await env.transport.put(req);
        if (res.status === 200 && ++stored >= 5) stop.abort();
        return res;
      },
    });
    const first = createNodeUploader({ trpc, transport: stopping.transport, resumeStore: store, concurrency: 2 });
    const error = (await first.upload(await fromPath(path), { signal: stop.signal }).done.catch((e: unknown) => e)) as UploadError;
    expect(error.code).toBe("CANCELLED");
    const again = createNodeUploader({ trpc, transport: env.transport, resumeStore: store });
    const handle = again.upload(await fromPath(path));
    const file = await handle.done;
    expect(handle.progress().partsResumed).toBeGreaterThanOrEqual(5);
    expectRecorded(file, await independentCrc64(path));
  });

  it("records it for streams: of a known size, and of unknown length (stdin), summing the parts they hold", async () => {
    const path = join(env.temp.dir, "stream.bin");
    const size = env.floor * 9 + 7;
    await writeTestFile(path, size, 6);
    const crc = await independentCrc64(path);
    const { trpc } = await countingClient(env.stack, "dan");
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false, concurrency: 3 });
    const sized = await uploader.upload(fromStream(createReadStream(path, { highWaterMark: 999 }), { size, name: "s.bin" })).done;
    expectRecorded(sized, crc);
    const unsized = fromUnsizedStream(createReadStream(path), { name: "stdin.bin", maxSize: env.floor * 50, type: "application/octet-stream" });
    const piped = await uploader.upload(unsized).done;
    expect(piped.size).toBe(size);
    expectRecorded(piped, crc);
  });
});
