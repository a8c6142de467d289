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

/** Resolves once the run's first call to a procedure was answered by an instance that was then killed, its answer lost. */
interface Killer {
  tap: (index: number) => Tap;
  killed: Promise<number>;
}

/**
 * Kills the instance that answers the first call to `procedure`, after it answered (what the call does is done and
 * committed) and before the answer reaches the client: the client sees the connection cut, as when a server dies
 * mid-response.
 */
function killOnFirstAnswer(instances: readonly Instance[], procedure: string): Killer {
  let victim: number | undefined;
  let done!: (index: number) => void;
  const killed = new Promise<number>((resolve) => (done = resolve));
  const tap = (index: number): Tap => {
    let carriesIt = false;
    return {
      request: (chunk) => {
        const text = chunk.toString("latin1");
        if (/^(GET|POST) /.test(text)) carriesIt = text.startsWith(`POST /trpc/${procedure} `);
      },
      response: async () => {
        if (!carriesIt || victim !== undefined) return true;
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
 * only the first upload's go on; the others' wait for the kill (its `complete` sets it off, if nothing before did).
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
  it.each(["upload.complete", "upload.create"])("the answer to %s lost with its instance: clients retry on the other, every upload completes byte-identical, once", async (procedure) => {
    const temp = await tempDir("hoist-killed-");
    const s3 = await startS3Target();
    const postgres = await startPostgres();
    const inner = nodeHttpTransport({ sockets: 3 * FILES });
    const instances = await startInstances(2, s3, postgres.url, (i) => temp.path(`data-${i}`));
    const killer = killOnFirstAnswer(instances, procedure);
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
      // Fixed: every upload must have a PUT held in flight at once (adaptive would start below 3 * FILES).
      const uploader = createNodeUploader({ trpc, transport, resumeStore: false, concurrency: 3 * FILES, adaptive: false, signWindow: 1, retry: { attempts: 5 } });
      const handles = await Promise.all(digests.map(async (_, i) => uploader.upload(await fromPath(temp.path(`f${i}.bin`)))));
      const files = await Promise.all(handles.map((handle) => handle.done));

      const victim = await killer.killed;
      expect(instances[victim]!.main.child.signalCode).toBe("SIGKILL");
      expect(instances[1 - victim]!.main.child.exitCode).toBeNull();
      expect(cut).toContain(`/trpc/${procedure}`); // the lost answer was retried, on the survivor
      expect(await Promise.all(files.map((file) => downloadedSha256(trpc, file.id)))).toEqual(digests);
      // Every upload's session is complete. A create whose answer was lost made a session the client never learnt
      // of (the contract has no idempotency key for create): it stays `uploading`, empty, until the sweeper expires
      // it. Other creates the dying instance had in hand may have left one too; nothing else is left.
      const statuses = (await trpc.upload.list.query({ limit: 100 })).items.map((s) => s.status);
      expect(statuses.filter((status) => status === "complete")).toHaveLength(FILES);
      expect(statuses.filter((status) => status !== "complete").every((status) => status === "uploading")).toBe(true);
      expect(statuses.length > FILES).toBe(procedure === "upload.create");
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
