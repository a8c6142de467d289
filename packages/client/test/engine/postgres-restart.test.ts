import { describe, expect, it } from "vitest";
import { createNodeTrpc, createNodeUploader, fromPath, httpFetch, nodeHttpTransport } from "@hoist/client/node";
import type { Transport } from "@hoist/client";
import { skipPostgres, startPostgres, startS3Target, testDatabaseUrl } from "@hoist/server/testing";
import type { PostgresServer } from "@hoist/server/testing";
import { tempDir } from "../support/temp-file";
import { partNumberOf, writeTestFile } from "./engine-kit";
import { downloadedSha256, startInstances, stopAll } from "./process-kit";
import type { Instance } from "./process-kit";

const MiB = 1024 * 1024;
/**
 * The database stays down until the upload's own API calls were refused this many times: as many as the client's
 * whole retry budget once was (4 attempts, spent within ~2 s by full jitter), which an outage this short failed.
 */
const REFUSALS = 4;

/** What a person (and the client) sees while the database is down. */
async function whileDown(api: Instance, postgres: PostgresServer): Promise<void> {
  const trpc = createNodeTrpc(api);
  const refused = (await trpc.upload.list.query({ limit: 1 }).catch((error: unknown) => error)) as {
    message: string;
    data?: { code?: string; hoistCode?: string };
  };
  expect(refused.data).toMatchObject({ code: "INTERNAL_SERVER_ERROR", hoistCode: "INTERNAL" });
  expect(refused.message).toMatch(/the database is unavailable .*try again/);
  const { port } = new URL(postgres.url);
  expect(refused.message).not.toMatch(new RegExp(`postgres:|127\\.0\\.0\\.1|${port}`));
  const ready = await fetch(`${api.serverUrl}/readyz`);
  expect(ready.status).toBe(503);
  expect(await ready.json()).toMatchObject({ ok: false, checks: { database: "unreachable", storage: "ok" } });
}

describe.skipIf(skipPostgres() || testDatabaseUrl() !== undefined)("Postgres restarted under a running server and an upload", () => {
  it("calls fail with a retryable INTERNAL that says so, /readyz is 503, and all recovers without a server restart", async () => {
    const temp = await tempDir("hoist-pg-restart-");
    const s3 = await startS3Target();
    const postgres = await startPostgres();
    const inner = nodeHttpTransport({ sockets: 2 });
    const [api] = (await startInstances(1, s3, postgres.url, () => temp.path("data"))) as [Instance];
    try {
      const path = temp.path("f.bin");
      const digest = await writeTestFile(path, 2 * 5 * MiB + 123);
      let refusals = 0;
      let enoughRefusals!: () => void;
      const refused = new Promise<void>((resolve) => (enoughRefusals = resolve));
      const fetch: typeof httpFetch = async (url, init) => {
        const response = await httpFetch(url, init);
        if (response.status >= 500 && ++refusals === REFUSALS) enoughRefusals();
        return response;
      };
      let outage: Promise<void> | undefined;
      const transport: Transport = {
        // Part 2 goes to storage while the database is down: parts never need it.
        put: async (req) => {
          if (partNumberOf(req.url) === 2 && outage === undefined) {
            let down!: () => void;
            const isDown = new Promise<void>((resolve) => (down = resolve));
            outage = postgres.restart(async () => {
              await whileDown(api, postgres);
              down();
              await refused;
            });
            await Promise.race([isDown, outage]);
          }
          return inner.put(req);
        },
      };
      const uploader = createNodeUploader({ trpc: createNodeTrpc({ ...api, fetch }), transport, resumeStore: false, concurrency: 1, signWindow: 1 });
      // A failed check while the database was down shows as itself, not as the part it made fail.
      const file = await uploader.upload(await fromPath(path)).done.catch(async (error: unknown) => {
        await outage;
        throw error;
      });
      await outage;

      expect(await downloadedSha256(createNodeTrpc(api), file.id)).toBe(digest);
      expect((await fetch(`${api.serverUrl}/readyz`)).status).toBe(200);
      expect(api.main.child.exitCode).toBeNull(); // the same process throughout
      expect(api.main.output()).toMatch(/an idle database connection failed/);
    } catch (error) {
      throw new Error(`${String(error)}\n--- server output ---\n${api.main.output()}`, { cause: error });
    } finally {
      await stopAll([api.main]);
      await inner.close();
      await postgres.stop();
      await s3.close();
      await temp.remove();
    }
  });
});
