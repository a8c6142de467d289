import { Readable } from "node:stream";
import type { ReadableStream as WebStream } from "node:stream/web";
import { describe, expect, it } from "vitest";
import { createNodeTrpc, createNodeUploader, fileResumeStore, fromPath, nodeHttpTransport } from "@hoist/client/node";
import type { Transport, UploadError } from "@hoist/client";
import { startMainProcess, sweepOnNextStart } from "@hoist/server/testing";
import { sha256Of, tempDir } from "../support/temp-file";
import { partNumberOf, started, writeTestFile } from "./engine-kit";

const MiB = 1024 * 1024;

describe("SIGTERM during an upload (pnpm start, embedded store and PGlite)", () => {
  it("nothing is lost: after a restart on the same data dir the client resumes byte-identical, and a sweep finds no orphans", async () => {
    const temp = await tempDir("hoist-sigterm-");
    const env = { HOIST_DATA_DIR: temp.path("data"), HOIST_PORT: "0" };
    const path = temp.path("big.bin");
    const digest = await writeTestFile(path, 3 * 5 * MiB + 123);
    const resumeStore = fileResumeStore(temp.path("resume"));
    const inner = nodeHttpTransport({ sockets: 4 });
    const first = startMainProcess(env);
    try {
      const api = await started(first);
      // One part at a time: part 2 waits here until the server it was signed by has stopped.
      let atPartTwo!: () => void;
      const reachedPartTwo = new Promise<void>((resolve) => (atPartTwo = resolve));
      const gated: Transport = {
        put: async (req) => {
          if (partNumberOf(req.url) >= 2) {
            atPartTwo();
            await first.exited;
          }
          return inner.put(req);
        },
      };
      const uploader = createNodeUploader({ trpc: createNodeTrpc(api), transport: gated, resumeStore, concurrency: 1, retry: { attempts: 1 } });
      const handle = uploader.upload(await fromPath(path));
      await reachedPartTwo;
      first.child.kill("SIGTERM");
      expect(await first.exited).toBe(0);
      const failed = (await handle.done.catch((error: unknown) => error)) as UploadError;
      expect(failed.code).toBe("PART_FAILED");

      let fileKey = "";
      const second = startMainProcess(env);
      try {
        const again = await started(second);
        const trpc = createNodeTrpc(again);
        const resumed = createNodeUploader({ trpc, transport: inner, resumeStore }).upload(await fromPath(path));
        const file = await resumed.done;
        fileKey = file.key;
        expect(resumed.uploadId).toBe(handle.uploadId);
        expect(resumed.progress().partsResumed).toBeGreaterThanOrEqual(1);
        const { url } = await trpc.files.downloadUrl.mutate({ id: file.id });
        const body = (await fetch(url)).body as WebStream<Uint8Array>;
        expect(await sha256Of(Readable.fromWeb(body))).toBe(digest);
      } finally {
        second.child.kill("SIGTERM");
        expect(await second.exited).toBe(0);
      }

      const swept = await sweepOnNextStart(env);
      // Not toEqual: the report's count of ended rate-limit windows depends on the clock, not on the shutdown.
      expect(swept).toMatchObject({ report: { expired: 0, orphans: 0, objects: 0 }, uploads: [], keys: [fileKey] });
    } catch (error) {
      first.child.kill("SIGKILL");
      throw new Error(`${String(error)}\n--- first server's output ---\n${first.output()}`, { cause: error });
    } finally {
      await inner.close();
      await temp.remove();
    }
  });
});
