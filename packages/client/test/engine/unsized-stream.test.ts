import { createReadStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createNodeUploader, fromUnsizedStream } from "@hoist/client/node";
import type { UploadError, UploadProgress } from "@hoist/client";
import { s3Profile } from "@hoist/server/testing";
import { countingClient, engineStack, storedSha256, watchTransport, writeTestFile } from "./engine-kit";

const TYPE = "application/octet-stream";

// Streams of unknown length (stdin): `upload.create { maxSize }`, parts read as they go, the last signed short.
describe("engine: streams of unknown length", () => {
  const env = engineStack();

  /** A file of `size` bytes read back as a stream in odd-sized chunks, and its SHA-256. */
  const pipeOf = async (name: string, size: number) => {
    const path = join(env.temp.dir, name);
    const digest = await writeTestFile(path, size, size % 251);
    return { digest, stream: () => createReadStream(path, { highWaterMark: 700 }) };
  };

  // Round trips and buffers are counted for checksum "none"; crc64nvme streams are tested in crc64nvme.test.ts.
  const uploaderFor = async (user: string, concurrency = 4) => {
    const { trpc, calls } = await countingClient(env.stack, user);
    const watched = watchTransport(env.transport);
    return { calls, watched, uploader: createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, concurrency, checksum: "none" }) };
  };

  it("a stream ending inside a part: byte-identical, at most concurrency + 1 buffers, size learnt at the end", async () => {
    const size = env.floor * 30 + 123;
    const pipe = await pipeOf("ends-inside.bin", size);
    const { uploader, watched, calls } = await uploaderFor("alice", 3);
    const source = fromUnsizedStream(pipe.stream(), { name: "stdin.bin", maxSize: env.floor * 100, type: TYPE });
    const events: UploadProgress[] = [];
    const handle = uploader.upload(source, { onProgress: (p) => events.push(p) });
    const file = await handle.done;
    expect(file.size).toBe(size);
    expect(await storedSha256(env.stack, file.key)).toBe(pipe.digest);
    expect(source.peakBuffers).toBeLessThanOrEqual(3 + 1);
    expect(events.at(-1)?.buffersPeak).toBe(source.peakBuffers);
    expect(watched.stats.puts).toBe(31);
    expect(events[0]?.sizeUnknown).toBe(true);
    expect(events.at(-1)).toMatchObject({ totalBytes: size, bytesConfirmed: size, partsTotal: 31 });
    expect(events.at(-1)).not.toHaveProperty("sizeUnknown");
    // One window for 100 planned parts, and the short last part signed again with its length.
    expect(calls.filter((c) => c === "upload.signParts")).toHaveLength(2);
  });

  it("a stream that exactly fills 5 parts sends 5 parts and signs none again", async () => {
    const pipe = await pipeOf("exact.bin", env.floor * 5);
    const { uploader, watched, calls } = await uploaderFor("bob");
    const file = await uploader.upload(fromUnsizedStream(pipe.stream(), { name: "exact.bin", maxSize: env.floor * 100, type: TYPE })).done;
    expect(file.size).toBe(env.floor * 5);
    expect(await storedSha256(env.stack, file.key)).toBe(pipe.digest);
    expect(watched.stats.puts).toBe(5);
    expect(calls.filter((c) => c === "upload.signParts")).toHaveLength(1);
  });

  it("a stream exactly as long as its maximum is accepted", async () => {
    const pipe = await pipeOf("full.bin", env.floor * 3 + 5);
    const { uploader } = await uploaderFor("bob");
    const file = await uploader.upload(fromUnsizedStream(pipe.stream(), { name: "full.bin", maxSize: env.floor * 3 + 5, type: TYPE })).done;
    expect(await storedSha256(env.stack, file.key)).toBe(pipe.digest);
  });

  it("an empty stream is a 0-byte file", async () => {
    const { uploader } = await uploaderFor("carol");
    const file = await uploader.upload(fromUnsizedStream(Readable.from([]), { name: "empty.bin", maxSize: env.floor * 100, type: TYPE })).done;
    expect(file.size).toBe(0);
  });

  it("a stream longer than its maximum fails with SIZE_OVER_LIMIT; cancel then aborts the session", async () => {
    const pipe = await pipeOf("too-long.bin", env.floor * 4);
    const { uploader } = await uploaderFor("dan");
    const handle = uploader.upload(fromUnsizedStream(pipe.stream(), { name: "long.bin", maxSize: env.floor * 3, type: TYPE }));
    const failure = (await handle.done.catch((error: unknown) => error)) as UploadError;
    expect(failure.code).toBe("SIZE_OVER_LIMIT");
    expect(failure.message).toContain("larger maximum");
    await handle.cancel();
    const { trpc } = await countingClient(env.stack, "dan");
    expect((await trpc.upload.get.query({ uploadId: failure.uploadId! })).status).toBe("aborted");
  });

  // Where storage cannot verify checksums (Ceph), upload.create refuses checksum "sha256".
  it.skipIf(!s3Profile.flexibleChecksums)("per-part SHA-256 that storage verifies, the short last part included", async () => {
    const pipe = await pipeOf("summed.bin", env.floor * 6 + 99);
    const { trpc } = await countingClient(env.stack, "erin");
    const summed: string[] = [];
    const watched = watchTransport(env.transport, (req) => {
      summed.push(req.headers["x-amz-checksum-sha256"] ?? "none");
      return req;
    });
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, checksum: "sha256" });
    const file = await uploader.upload(fromUnsizedStream(pipe.stream(), { name: "summed.bin", maxSize: env.floor * 100, type: TYPE })).done;
    expect(await storedSha256(env.stack, file.key)).toBe(pipe.digest);
    expect(summed).toHaveLength(7);
    expect(summed).not.toContain("none");
  });
});
