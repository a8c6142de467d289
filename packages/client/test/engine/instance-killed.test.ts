import { describe, expect, it } from "vitest";
import { createNodeTrpc, createNodeUploader, fromPath, httpFetch, nodeHttpTransport } from "@hoist/client/node";
import type { Transport } from "@hoist/client";
import { skipPostgres, startPostgres, startS3Target } from "@hoist/server/testing";
import { startBalancer } from "../support/balancer";
import type { Tap } from "../support/balancer";
import { tempDir } from "../support/temp-file";
import { writeTestFile } from "./engine-kit";
import { downloadedSha256, startInstances, stopAll } from "./process-kit";
import type { Instance } from "./process-kit";

const MiB = 1024 * 1024;
const FILES = 6;
/** Three parts each at the default 5 MiB floor. */
const SIZE = 2 * 5 * MiB + 123;

/** Resolves once the run's first `upload.complete` was answered by an instance that was then killed, its answer lost. */
interface Killer {
  tap: (index: number) => Tap;
  killed: Promise<number>;
}

/**
 * Kills the instance that answers the first `upload.complete`, after it answered (the file is recorded) and before
 * the answer reaches the client: the client sees the connection cut, as when a server dies mid-response.
 */
function killOnFirstComplete(instances: readonly Instance[]): Killer {
  let victim: number | undefined;
  let done!: (index: number) => void;
  const killed = new Promise<number>((resolve) => (done = resolve));
  const tap = (index: number): Tap => {
    let carriesComplete = false;
    return {
      request: (chunk) => {
        const text = chunk.toString("latin1");
        if (/^(GET|POST) /.test(text)) carriesComplete = text.startsWith("POST /trpc/upload.complete");
      },
      response: async () => {
        if (!carriesComplete || victim !== undefined) return true;
        victim = index;
        instances[index]!.main.child.kill("SIGKILL");
        await instances[index]!.main.exited;
        done(index);
        return false;
      },
    };
  };
  return { tap, killed };
}

/**
 * Mid-run, driven by the parts: PUTs wait until every upload has one on its way (every session created), then
 * only the first upload's go on; the others' wait for the kill its `complete` sets off.
 */
function holdingTransport(inner: Transport, killed: Promise<unknown>): Transport {
  const sending = new Set<string>();
  let first: string | undefined;
  let everyUploadSending!: () => void;
  const allSending = new Promise<void>((resolve) => (everyUploadSending = resolve));
  return {
    put: async (req) => {
      const key = new URL(req.url).pathname;
      first ??= key;
      sending.add(key);
      if (sending.size === FILES) everyUploadSending();
      await allSending;
      if (key !== first) await killed;
      return inner.put(req);
    },
  };
}

describe.skipIf(skipPostgres())("an API instance killed mid-run behind a round-robin balancer (two processes, one Postgres)", () => {
  it("clients retry on the other instance: every upload completes byte-identical and no session is left half-done", async () => {
    const temp = await tempDir("hoist-killed-");
    const s3 = await startS3Target();
    const postgres = await startPostgres();
    const inner = nodeHttpTransport({ sockets: 3 * FILES });
    const instances = await startInstances(2, s3, postgres.url, (i) => temp.path(`data-${i}`));
    const killer = killOnFirstComplete(instances);
    const balancer = await startBalancer(instances.map((instance) => instance.serverUrl), { tap: killer.tap });
    try {
      const digests = await Promise.all(Array.from({ length: FILES }, (_, i) => writeTestFile(temp.path(`f${i}.bin`), SIZE, i + 1)));
      const cut: string[] = [];
      const fetch: typeof httpFetch = (url, init) =>
        httpFetch(url, init).catch((error: unknown) => {
          cut.push(new URL(String(url instanceof Request ? url.url : url)).pathname);
          throw error;
        });
      const trpc = createNodeTrpc({ serverUrl: balancer.url, token: instances[0]!.token, fetch });
      const transport = holdingTransport(inner, killer.killed);
      const uploader = createNodeUploader({ trpc, transport, resumeStore: false, concurrency: 3 * FILES, signWindow: 1, retry: { attempts: 5 } });
      const handles = await Promise.all(digests.map(async (_, i) => uploader.upload(await fromPath(temp.path(`f${i}.bin`)))));
      const files = await Promise.all(handles.map((handle) => handle.done));

      const victim = await killer.killed;
      expect(instances[victim]!.main.child.signalCode).toBe("SIGKILL");
      expect(instances[1 - victim]!.main.child.exitCode).toBeNull();
      expect(cut).toContain("/trpc/upload.complete"); // the lost answer was retried, on the survivor
      expect(await Promise.all(files.map((file) => downloadedSha256(trpc, file.id)))).toEqual(digests);
      // One session per upload (no create answered twice), each complete: nothing half-done for the sweeper.
      const sessions = await trpc.upload.list.query({ limit: 100 });
      expect(sessions.items.map((s) => s.status)).toEqual(Array<string>(FILES).fill("complete"));
    } catch (error) {
      const outputs = instances.map((instance, i) => `--- instance ${i} ---\n${instance.main.output()}`).join("\n");
      throw new Error(`${String(error)}\n${outputs}`, { cause: error });
    } finally {
      await balancer.close();
      await stopAll(instances.map((instance) => instance.main));
      await inner.close();
      await postgres.stop();
      await s3.close();
      await temp.remove();
    }
  });
});
