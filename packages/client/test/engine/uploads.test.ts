import { Readable } from "node:stream";
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeUploader, fromPath, fromStream, nodeHttpTransport, undiciTransport } from "@hoist/client/node";
import type { UploadError } from "@hoist/client";
import { s3Profile } from "@hoist/server/testing";
import { countingClient, engineStack, storedSha256, watchTransport, writeTestFile } from "./engine-kit";

// Both Node transports: node:http (the default; file parts from reused buffers) and undici (piped streams).
const TRANSPORTS = {
  "node:http": () => nodeHttpTransport({ sockets: 16 }),
  undici: () => undiciTransport({ connections: 16 }),
};

describe.each(Object.keys(TRANSPORTS) as (keyof typeof TRANSPORTS)[])("engine: uploads end to end over %s", (name) => {
  const env = engineStack({ transport: TRANSPORTS[name] });

  it("uploads a multipart file byte-identical within 3 + ceil(parts/100) round trips", async () => {
    const path = join(env.temp.dir, "multi.bin");
    const size = env.floor * 250 + 17;
    const digest = await writeTestFile(path, size);
    const { trpc, calls } = await countingClient(env.stack, "alice");
    const watched = watchTransport(env.transport);
    const events: number[] = [];
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, concurrency: 4, checksum: "none" });
    const handle = uploader.upload(await fromPath(path), { onProgress: (p) => events.push(p.bytesConfirmed) });
    const file = await handle.done;
    expect(file.size).toBe(size);
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
    expect(calls.length).toBeLessThanOrEqual(3 + Math.ceil(251 / 100));
    expect(calls.filter((c) => c === "upload.signParts")).toHaveLength(3);
    expect(watched.stats.puts).toBe(251);
    expect(events.at(-1)).toBe(size); // the final event is never throttled away
    expect(handle.progress()).toMatchObject({ partsDone: 251, partsTotal: 251, bytesRetried: 0 });
  });

  it("shares one budget across files: never more than `concurrency` PUTs in flight", async () => {
    const { trpc } = await countingClient(env.stack, "bob");
    const watched = watchTransport(env.transport);
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, concurrency: 3 });
    const files = await Promise.all(
      [40, 25, 1, 60].map(async (parts, i) => {
        const path = join(env.temp.dir, `many-${i}.bin`);
        return { path, digest: await writeTestFile(path, parts * env.floor - 5, i + 7) };
      }),
    );
    const handles = await Promise.all(files.map(async (f) => uploader.upload(await fromPath(f.path))));
    const records = await Promise.all(handles.map((h) => h.done));
    expect(watched.stats.maxInFlight).toBeLessThanOrEqual(3);
    expect(watched.stats.maxInFlight).toBe(3);
    for (const [i, record] of records.entries()) expect(await storedSha256(env.stack, record.key)).toBe(files[i]!.digest);
  });

  it("uploads an empty file and a 1-byte file (single PUTs, no signParts without checksums)", async () => {
    const { trpc, calls } = await countingClient(env.stack, "carol");
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false, checksum: "none" });
    for (const size of [0, 1]) {
      const path = join(env.temp.dir, `tiny-${size}.txt`);
      const digest = await writeTestFile(path, size);
      const file = await uploader.upload(await fromPath(path)).done;
      expect(file).toMatchObject({ size, type: "text/plain", name: `tiny-${size}.txt` });
      expect(await storedSha256(env.stack, file.key)).toBe(digest);
    }
    expect(calls).toEqual(["upload.create", "upload.complete", "upload.create", "upload.complete"]);
  });

  it("uploads a stream it cannot seek, part by part", async () => {
    const path = join(env.temp.dir, "stream.bin");
    const size = env.floor * 20 + 3;
    const digest = await writeTestFile(path, size, 99);
    const { trpc } = await countingClient(env.stack, "dan");
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false, concurrency: 4 });
    const source = fromStream(createReadStream(path, { highWaterMark: 700 }), { size, name: "stream.bin" });
    const file = await uploader.upload(source).done;
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
  });

  // Where storage cannot verify checksums (Ceph), upload.create refuses checksum "sha256".
  it.skipIf(!s3Profile.flexibleChecksums)("uploads with per-part SHA-256 that storage verifies (files and streams)", async () => {
    const path = join(env.temp.dir, "summed.bin");
    const size = env.floor * 12 + 1;
    const digest = await writeTestFile(path, size, 5);
    const { trpc, calls } = await countingClient(env.stack, "erin");
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false, checksum: "sha256" });
    const summed: string[] = [];
    const watched = watchTransport(env.transport, (req) => {
      summed.push(req.headers["x-amz-checksum-sha256"] ?? "none");
      return req;
    });
    const checked = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, checksum: "sha256" });
    const file = await checked.upload(await fromPath(path)).done;
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
    expect(summed).toHaveLength(13);
    expect(summed.every((sum) => /^[A-Za-z0-9+/]{43}=$/.test(sum))).toBe(true);
    // Checksummed windows start at the concurrency (8 parts hashed, then sending starts), then the other 5.
    expect(calls.filter((c) => c === "upload.signParts")).toHaveLength(2);
    const streamed = await uploader.upload(fromStream(Readable.from(createReadStream(path)), { size, name: "s.bin" })).done;
    expect(await storedSha256(env.stack, streamed.key)).toBe(digest);
    const single = join(env.temp.dir, "summed-single.bin");
    await writeTestFile(single, 100);
    expect((await uploader.upload(await fromPath(single)).done).size).toBe(100);
  });

  it("fails with the server's code and message when the API refuses (type not allowed on a route)", async () => {
    const path = join(env.temp.dir, "notimage.txt");
    await writeTestFile(path, 10);
    const { trpc } = await countingClient(env.stack, "fay");
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false });
    const error = (await uploader.upload(await fromPath(path), { route: "image" }).done.catch((e: unknown) => e)) as UploadError;
    expect(error.name).toBe("UploadError");
    expect(error.code).toBe("TYPE_NOT_ALLOWED");
    expect(error.message).toContain("not allowed");
    expect(error.uploadId).toBeUndefined();
  });
});
