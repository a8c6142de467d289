import { truncate } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeUploader, fromPath } from "@hoist/client/node";
import type { Transport, UploadError } from "@hoist/client";
import { partFloor, s3Profile, testRoutes } from "@hoist/server/testing";
import { countingClient, engineStack, partNumberOf, storedSha256, watchTransport, writeTestFile } from "./engine-kit";

describe("engine: storage refusals", () => {
  const env = engineStack({ routes: (s3) => testRoutes(s3, { short: { maxSize: "1GB", types: ["*/*"], minPartSize: partFloor(s3), urlExpiresIn: 1 } }) });

  // A BadDigest means bytes damaged in flight: retried like a 5xx, then PART_FAILED (corrupted-in-flight.test.ts).
  it.skipIf(!s3Profile.flexibleChecksums)("fails a part whose bytes do not match their signed SHA-256 (BadDigest) after its attempts and keeps the session", async () => {
    const path = join(env.temp.dir, "corrupt.bin");
    await writeTestFile(path, env.floor * 4);
    const { trpc } = await countingClient(env.stack, "alice");
    const watched = watchTransport(env.transport, (req) =>
      partNumberOf(req.url) === 2 ? { ...req, body: new Uint8Array(req.size).fill(7) } : req,
    );
    const retry = { attempts: 2, baseDelayMs: 1 };
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, checksum: "sha256", retry });
    const handle = uploader.upload(await fromPath(path));
    const error = (await handle.done.catch((e: unknown) => e)) as UploadError;
    expect(error.code).toBe("PART_FAILED");
    expect(error.message).toContain("part 2");
    expect(error.message).toContain("BadDigest");
    expect(error.uploadId).toBe(handle.uploadId);
    expect(watched.stats.statuses.filter((s) => s === 400)).toHaveLength(2);
    expect((await trpc.upload.get.query({ uploadId: error.uploadId! })).status).toBe("uploading");
  });

  it("re-signs a part whose URL expired before it was sent, and goes on", async () => {
    const path = join(env.temp.dir, "slow.bin");
    const digest = await writeTestFile(path, env.floor * 3 + 9);
    const { trpc } = await countingClient(env.stack, "bob");
    const delayed = new Set<number>();
    const watched = watchTransport(env.transport, async (req) => {
      const n = partNumberOf(req.url);
      if (n === 2 && !delayed.has(n)) {
        delayed.add(n);
        await new Promise((resolve) => setTimeout(resolve, 2_000)); // outlive the 1 s URL
      }
      return req;
    });
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, concurrency: 2 });
    const file = await uploader.upload(await fromPath(path), { route: "short" }).done;
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
    expect(watched.stats.statuses).toContain(403);
    expect(watched.stats.statuses.filter((s) => s === 200)).toHaveLength(4);
  });

  // Storage may answer an expired URL with 403 and close the connection mid-body: the client sees only EPIPE.
  // The retry must not send the dead URL again (the sign window re-signs what expired before handing it out).
  it("retries a network error on an expired URL with a fresh URL, never the dead one", async () => {
    const path = join(env.temp.dir, "expired-epipe.bin");
    const digest = await writeTestFile(path, env.floor * 3 + 9);
    const { trpc } = await countingClient(env.stack, "dave");
    const part2: string[] = [];
    const watched = watchTransport(env.transport, async (req) => {
      if (partNumberOf(req.url) !== 2) return req;
      part2.push(req.url);
      if (part2.length > 1) return req;
      await new Promise((resolve) => setTimeout(resolve, 2_000)); // outlive the 1 s URL
      throw new Error("write EPIPE");
    });
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, concurrency: 2 });
    const file = await uploader.upload(await fromPath(path), { route: "short" }).done;
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
    // The dead URL is never sent again. A loaded machine may need one more fresh URL (they live 1 s on this route).
    expect(part2.length).toBeGreaterThanOrEqual(2);
    expect(part2.slice(1)).not.toContain(part2[0]);
    expect(watched.stats.statuses).not.toContain(403); // the dead URL never went to storage again
  });

  // Without checksums a part is read as it is sent; crc64nvme reads it once, a part ahead of the sender.
  it.each([
    ["none", 3, 1],
    ["crc64nvme", 1, 0],
  ] as const)("fails at once with SOURCE_CHANGED when the file shrinks under the upload (checksum %s, no retries of a lost cause)", async (checksum, at, part3Puts) => {
    const path = join(env.temp.dir, `shrinks-${checksum}.bin`);
    await writeTestFile(path, env.floor * 4);
    const { trpc } = await countingClient(env.stack, "erin");
    const watched = watchTransport(env.transport, async (req) => {
      if (partNumberOf(req.url) === at) await truncate(path, env.floor * 2); // parts 3 and 4 now lie past the end
      return req;
    });
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, concurrency: 1, checksum });
    const handle = uploader.upload(await fromPath(path));
    const error = (await handle.done.catch((e: unknown) => e)) as UploadError;
    expect(error.code).toBe("SOURCE_CHANGED");
    expect(error.message).toContain("the file changed during the upload; upload it again as a new file");
    expect(error.uploadId).toBe(handle.uploadId);
    expect(watched.stats.urls.filter((url) => partNumberOf(url) === 3)).toHaveLength(part3Puts);
  });

  it("a single PUT whose answer was lost is retried, finds the object there (412) and completes", async () => {
    const path = join(env.temp.dir, "lost-answer.txt");
    const digest = await writeTestFile(path, 500);
    const { trpc } = await countingClient(env.stack, "carol");
    let first = true;
    const lossy: Transport = {
      async put(req) {
        const response = await env.transport.put(req);
        if (first) {
          first = false;
          throw new Error("socket hang up (the answer was lost after storage stored the object)");
        }
        return response;
      },
    };
    const watched = watchTransport(lossy);
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false });
    const file = await uploader.upload(await fromPath(path)).done;
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
    expect(watched.stats.statuses).toEqual([412]);
  });
});
