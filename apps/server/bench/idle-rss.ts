/**
 * `pnpm --filter @hoist/server bench` (second part): the server's idle memory, as `pnpm start` (bundle on plain
 * node) and `pnpm dev` (tsx) run it, zero-config (PGlite) and on a throwaway Postgres: RSS of the whole process
 * tree after start-up and after 1,000 upload sessions (create + abort through tRPC). Goals (issue 11): zero
 * config <= 150 MiB, Postgres <= 120 MiB. Builds the bundle first, as `pnpm start` does.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import { startPostgres } from "@hoist/db/testing";
import { startMainProcess, type MainRunner } from "../test/support/main-process";
import { treeRss } from "./proc-tree";

const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
/** Idle: V8's memory reducer shrinks the heap ~8 s after allocation stops; an idle server gets there too. */
const SETTLE_MS = 15_000;
const MiB = 1024 * 1024;

async function sessions(url: string, token: string): Promise<void> {
  const client = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
  for (let i = 0; i < SESSIONS; i += 1) {
    const created = await client.upload.create.mutate({ name: `s${i}.bin`, size: 1024, type: "application/octet-stream" });
    await client.upload.abort.mutate({ uploadId: created.uploadId });
  }
}

/** One server: RSS after start-up, after the sessions, and the main process's high-water mark. */
async function measure(label: string, runner: MainRunner, env: Record<string, string>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "hoist-bench-rss-"));
  const main = startMainProcess({ HOIST_DATA_DIR: dataDir, HOIST_PORT: "0", HOIST_AUTH_MODE: "dev", HOIST_RATE_LIMIT: "0", ...env }, runner);
  try {
    const output = await main.waitFor(/HOIST_TOKEN=\S+\n/);
    const url = /Hoist API\s+(http:\/\/\S+)\/trpc/.exec(output)?.[1] ?? "";
    const token = /HOIST_TOKEN=(\S+)/.exec(output)?.[1] ?? "";
    const pid = main.child.pid ?? 0;
    await sleep(SETTLE_MS);
    const started = await treeRss(pid);
    const begun = performance.now();
    await sessions(url, token);
    const seconds = (performance.now() - begun) / 1000;
    await sleep(SETTLE_MS);
    const after = await treeRss(pid);
    const mib = (n: number) => `${(n / MiB).toFixed(1)} MiB`;
    console.log(`${label.padEnd(26)} start ${mib(started).padStart(8)}   after ${SESSIONS} sessions ${mib(after).padStart(8)}   (${seconds.toFixed(1)} s)`);
  } finally {
    await main.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

execFileSync(process.execPath, ["--import", "tsx", "build.ts"], { cwd: new URL("..", import.meta.url), stdio: "inherit" });
const pg = await startPostgres();
try {
  await measure("zero config, bundle", "bundle", {});
  await measure("zero config, tsx", "tsx", {});
  await measure("Postgres, bundle", "bundle", { HOIST_DATABASE_URL: pg.url });
  await measure("Postgres, tsx", "tsx", { HOIST_DATABASE_URL: pg.url });
} finally {
  await pg.stop();
}
