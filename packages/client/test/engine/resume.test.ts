import { createHash } from "node:crypto";
import { open, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createNodeUploader, fileResumeStore, fromPath } from "@hoist/client/node";
import type { UploadError, UploadHandle } from "@hoist/client";
import { countingClient, engineStack, partNumberOf, storedSha256, watchTransport, writeTestFile } from "./engine-kit";

const PARTS = 20;

describe("engine: pause, cancel and resume", () => {
  const env = engineStack();

  /** Starts an upload that its signal stops after `okParts` parts were stored; returns what is left behind. */
  async function interrupted(user: string, name: string, okParts: number) {
    const path = join(env.temp.dir, name);
    const digest = await writeTestFile(path, PARTS * env.floor - 3, name.length);
    const store = fileResumeStore(join(env.temp.dir, `store-${user}`));
    const { trpc } = await countingClient(env.stack, user);
    const controller = new AbortController();
    const watched = watchTransport({
      put: async (req) => {
        const res = await env.transport.put(req);
        if (res.status === 200 && ++acknowledged >= okParts) controller.abort();
        return res;
      },
    });
    let acknowledged = 0;
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: store, concurrency: 2 });
    const handle = uploader.upload(await fromPath(path), { signal: controller.signal });
    const error = (await handle.done.catch((e: unknown) => e)) as UploadError;
    // What storage holds, not what the client saw: a part in flight at the stop may land without its answer.
    const stored = (await trpc.upload.listParts.query({ uploadId: handle.uploadId! })).parts.length;
    return { path, digest, store, trpc, error, uploadId: handle.uploadId!, stored };
  }

  it("an aborted signal stops without aborting the session; the same file resumes with only the missing parts", async () => {
    const first = await interrupted("alice", "resume.bin", 6);
    expect(first.error.code).toBe("CANCELLED");
    expect((await first.trpc.upload.get.query({ uploadId: first.uploadId })).status).toBe("uploading");
    expect(await first.store.list()).toHaveLength(1);
    const { trpc, calls } = await countingClient(env.stack, "alice");
    const watched = watchTransport(env.transport);
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: first.store });
    const handle = uploader.upload(await fromPath(first.path));
    const file = await handle.done;
    expect(handle.uploadId).toBe(first.uploadId);
    // A part cut off by the stop may still land after `first.stored` was counted (Ceph finishes it later):
    // what matters is that every part storage holds was skipped and only the rest was sent.
    expect(handle.progress().partsResumed).toBeGreaterThanOrEqual(first.stored);
    expect(watched.stats.puts).toBe(PARTS - handle.progress().partsResumed);
    expect(calls).not.toContain("upload.create");
    expect(await storedSha256(env.stack, file.key)).toBe(first.digest);
    expect(await first.store.list()).toEqual([]);
  });

  it("sends a stored part again when the local bytes of it changed (plain MD5 ETag check)", async () => {
    const first = await interrupted("bob", "changed.bin", 4);
    // Part 2 is stored by now; its bytes change but not its size. Attached by id, so the fingerprint plays no part.
    const handle = await open(first.path, "r+");
    await handle.write(Buffer.alloc(10, 1), 0, 10, env.floor + 5);
    await handle.close();
    const { trpc } = await countingClient(env.stack, "bob");
    const sent: number[] = [];
    const watched = watchTransport(env.transport, (req) => {
      sent.push(partNumberOf(req.url));
      return req;
    });
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false });
    const resumed = uploader.upload(await fromPath(first.path), { resumeUploadId: first.uploadId });
    const file = await resumed.done;
    expect(sent).toContain(2);
    // What storage held at resume, not at the stop: Ceph RGW can land a cut-off part after the stop was seen.
    const kept = resumed.progress().partsResumed;
    expect(kept).toBeGreaterThanOrEqual(first.stored - 1);
    expect(sent).toHaveLength(PARTS - kept);
    expect(await storedSha256(env.stack, file.key)).toBe(createHash("sha256").update(await readFile(first.path)).digest("hex"));
  });

  it("finds sessions of the same file from another device and attaches to one", async () => {
    const first = await interrupted("carol", "device.bin", 3);
    const { trpc } = await countingClient(env.stack, "carol");
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: false });
    const source = await fromPath(first.path);
    const found = await uploader.findResumable(source);
    expect(found.map((s) => s.uploadId)).toEqual([first.uploadId]);
    const file = await uploader.upload(source, { resumeUploadId: found[0]!.uploadId }).done;
    expect(await storedSha256(env.stack, file.key)).toBe(first.digest);
    expect(await uploader.findResumable(source)).toEqual([]);
  });

  it("cancel() aborts the session on the server and forgets it", async () => {
    const path = join(env.temp.dir, "cancel.bin");
    await writeTestFile(path, PARTS * env.floor);
    const store = fileResumeStore(join(env.temp.dir, "store-cancel"));
    const { trpc } = await countingClient(env.stack, "dan");
    const started: { handle?: UploadHandle } = {};
    let cancelled: Promise<void> | undefined;
    const watched = watchTransport(env.transport, (req, seen) => {
      if (seen === 3) cancelled = started.handle?.cancel(); // mid-upload, with this part about to go out
      return req;
    });
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: store, concurrency: 1 });
    const handle = uploader.upload(await fromPath(path));
    started.handle = handle;
    const error = (await handle.done.catch((e: unknown) => e)) as UploadError;
    expect(error.code).toBe("CANCELLED");
    await cancelled;
    expect((await trpc.upload.get.query({ uploadId: handle.uploadId! })).status).toBe("aborted");
    expect(await store.list()).toEqual([]);
  });

  it("pause() stops sending and resume() completes the upload", async () => {
    const path = join(env.temp.dir, "pause.bin");
    const digest = await writeTestFile(path, PARTS * env.floor + 1);
    const { trpc } = await countingClient(env.stack, "erin");
    const watched = watchTransport(env.transport);
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, concurrency: 2 });
    const handle = uploader.upload(await fromPath(path));
    while (watched.stats.statuses.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
    handle.pause();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const putsWhilePaused = watched.stats.puts;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(watched.stats.puts).toBe(putsWhilePaused);
    handle.resume();
    const file = await handle.done;
    expect(await storedSha256(env.stack, file.key)).toBe(digest);
    expect(handle.progress()).toMatchObject({ partsDone: PARTS + 1, bytesConfirmed: PARTS * env.floor + 1 });
  });

  it("pausing an upload whose part waits for a slot another upload holds pauses it, not fails it", async () => {
    const paths = ["slot-a.bin", "slot-b.bin"].map((name) => join(env.temp.dir, name));
    const digests = await Promise.all(paths.map((path, i) => writeTestFile(path, 2 * env.floor, 20 + i)));
    const { trpc, calls } = await countingClient(env.stack, "gail");
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    // The first PUT (upload A's) holds the only slot until the gate opens; B's part waits for it meanwhile.
    const watched = watchTransport(env.transport, async (req, seen) => {
      if (seen === 1) await gate;
      return req;
    });
    const uploader = createNodeUploader({ trpc, transport: watched.transport, resumeStore: false, concurrency: 1 });
    const a = uploader.upload(await fromPath(paths[0]!));
    while (watched.stats.puts < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    const b = uploader.upload(await fromPath(paths[1]!));
    while (calls.filter((call) => call === "upload.signParts").length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50)); // B's first part is now queued for the slot
    b.pause();
    b.resume();
    open();
    const files = await Promise.all([a.done, b.done]);
    expect(await Promise.all(files.map((file) => storedSha256(env.stack, file.key)))).toEqual(digests);
  });

  it("attaching to a single PUT whose stored bytes differ from the file starts over instead of completing stale bytes", async () => {
    const path = join(env.temp.dir, "single.bin");
    await writeTestFile(path, env.floor - 24, 3); // below the part floor: one create-only PUT
    const store = fileResumeStore(join(env.temp.dir, "store-dora"));
    const { trpc } = await countingClient(env.stack, "dora");
    const controller = new AbortController();
    const stopAfterPut = watchTransport({
      put: async (req) => {
        const res = await env.transport.put(req);
        controller.abort();
        return res;
      },
    });
    const first = createNodeUploader({ trpc, transport: stopAfterPut.transport, resumeStore: store });
    const stopped = first.upload(await fromPath(path), { signal: controller.signal });
    await stopped.done.catch(() => undefined);
    const file = await open(path, "r+");
    await file.write(Buffer.alloc(10, 9), 0, 10, 100);
    await file.close();
    const changed = createHash("sha256").update(await readFile(path)).digest("hex");
    const uploader = createNodeUploader({ trpc, transport: env.transport, resumeStore: store });
    // Attached by id (as from another device): the create-only URL could not overwrite the stale object.
    const handle = uploader.upload(await fromPath(path), { resumeUploadId: stopped.uploadId! });
    const record = await handle.done;
    expect(handle.uploadId).not.toBe(stopped.uploadId);
    expect((await trpc.upload.get.query({ uploadId: stopped.uploadId! })).status).toBe("aborted");
    expect(await storedSha256(env.stack, record.key)).toBe(changed);
  });
});
