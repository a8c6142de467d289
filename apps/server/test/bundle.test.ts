import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMainProcess } from "./support/main-process";
import { rawRequest } from "@hoist/local-s3/testing";
import { testBytes, uploadFile } from "./support/upload";

const serverDir = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

// `pnpm start` and `pnpm sweep` run the esbuild bundle on plain node: built here as turbo builds it.
describe("the bundle (pnpm start on plain node)", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hoist-bundle-"));
    await run(process.execPath, ["--import", "tsx", "build.ts"], { cwd: serverDir });
  }, 120_000);
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("starts with zero config: /healthz answers and an upload goes through tRPC, PGlite and the embedded store", async () => {
    const main = startMainProcess({ HOIST_DATA_DIR: dataDir, HOIST_PORT: "0" }, "bundle");
    try {
      const output = await main.waitFor(/HOIST_TOKEN=\S+\n/);
      const url = /Hoist API\s+(http:\/\/127\.0\.0\.1:\d+)\/trpc/.exec(output)?.[1];
      const token = /HOIST_TOKEN=(\S+)/.exec(output)?.[1];
      // Paths found from a source file's own place (the web build here, migrations in @hoist/db) still hold.
      expect(output).toMatch(/Web app\s+(http:\/\/127\.0\.0\.1:\d+\/\n|not built \(no \S+\/apps\/web\/dist\/index\.html\))/);
      expect((await rawRequest(`${url!}/healthz`, { method: "GET" })).body.toString()).toBe('{"ok":true}');
      const client = createTRPCClient<AppRouter>({
        links: [httpLink({ url: `${url!}/trpc`, headers: { authorization: `Bearer ${token!}` } })],
      });
      const bytes = testBytes(64 * 1024);
      const { record } = await uploadFile(client, { name: "bundled.bin", type: "application/octet-stream", bytes });
      expect(record.size).toBe(bytes.length);
    } catch (error) {
      throw new Error(`${String(error)}\n--- server output ---\n${main.output()}`, { cause: error });
    } finally {
      expect(await main.stop()).toBe(0);
    }
  });

  it("pnpm sweep's bundle runs and refuses the embedded store with its own message", async () => {
    const env = { PATH: process.env.PATH ?? "", HOIST_DATA_DIR: dataDir };
    const failed = await run(process.execPath, ["dist/sweep.js"], { cwd: serverDir, env }).then(
      () => undefined,
      (error: unknown) => error as { code?: number; stderr?: string },
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain("pnpm sweep needs HOIST_S3_ENDPOINT");
  });
});
