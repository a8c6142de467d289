/**
 * `pnpm --filter @hoist/server bench` (third part), issue 11's load bench. Two server instances (the bundled
 * `bench/load-server.ts`: `pnpm start`'s code and flags, a route of 1 KiB parts, default rate limits) on one
 * throwaway Postgres and the embedded store (its own process, 1 KiB part floor); the load generator, in another
 * process, runs sessions round-robin over both instances, spread over many users. `api` sessions: create,
 * signParts (100 parts, one call), abort: 1,000 at concurrency 50 and 100, then 10,000 at 50, with each instance's
 * RSS (process tree, after an idle settle) before, after 1,000 and after 10,000. Then 200 `api` sessions at
 * concurrency 1, 2, 4 and 8 (signParts with little or no queue in front of it); `windows` sessions (1,000 parts signed in ten windows of
 * 100, then aborted: a big upload's API calls, mostly signParts); `full` sessions, which also PUT every part to the store
 * and complete (the store shares the CPU: store-bound); last, 1,000 `api` sessions on two more instances with
 * `HOIST_RATE_LIMIT=0`, then on the first pair: the rate limit's cost.
 * Goals: 0 5xx; p99 signParts(100) <= 50 ms at concurrency 50; RSS growth <= 5 MiB per 1,000 sessions.
 * Knobs (BENCH_LOAD_*): SESSIONS (1000), SESSIONS_LARGE (10000), SOLO_SESSIONS (200, at each of LOW_CONCURRENCIES
 * "1,2,4,8"), WINDOW_SESSIONS (500), FULL_SESSIONS (1000),
 * CONCURRENCY (50), HIGH_CONCURRENCY (100), RATE_COMPARE (1), 0 skips each; USERS (200), PARTS (100), PUTS (PUTs in
 * flight per session, 4), SETTLE_MS (15000), LOG_LEVEL (the instances' HOIST_LOG_LEVEL), NODE_OPTIONS (theirs,
 * e.g. `--import` a profiler), S3_FLAGS (the store's node flags, e.g. `--cpu-prof`).
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { field, startChild } from "@hoist/bench";
import { startPostgres } from "@hoist/db/testing";
import { generateLoad, instanceEnv, startInstances } from "./load-instances";
import type { Instances } from "./load-instances";
import { LOAD_PART_SIZE, LOAD_PARTS } from "./load-plan";
import type { LoadResult, LoadRun } from "./load-plan";
import { reportLoad } from "./load-report";
import type { LoadRow, RssReadings } from "./load-report";

const knob = (name: string, fallback: number) => Number(process.env[`BENCH_LOAD_${name}`] ?? fallback);
const SESSIONS = knob("SESSIONS", 1000);
const LARGE = knob("SESSIONS_LARGE", 10_000);
const CONCURRENCY = knob("CONCURRENCY", 50);
const HIGH = knob("HIGH_CONCURRENCY", 100);
const SETTLE_MS = knob("SETTLE_MS", 15_000);
const FULL = knob("FULL_SESSIONS", 1000);
let runs = 0;

function load(instances: Instances, sessions: number, concurrency: number, mode: LoadRun["mode"]): Promise<LoadResult> {
  runs += 1;
  const users = knob("USERS", 200);
  return generateLoad(instances, { sessions, concurrency, users, userPrefix: `run${String(runs)}`, putsPerSession: knob("PUTS", 4), mode });
}

/** Idle RSS of each instance: V8's memory reducer shrinks the heap ~8 s after allocation stops. */
async function settledRss(instances: Instances): Promise<number[]> {
  await sleep(SETTLE_MS);
  return instances.rss();
}

/** API-only sessions (create, signParts, abort): 1,000 at C, at the high C, then 10,000 at C; RSS around them. */
async function apiRuns(pair: Instances, rows: LoadRow[]): Promise<RssReadings> {
  const rss: RssReadings = { start: await settledRss(pair) };
  const run = async (sessions: number, concurrency: number) => {
    rows.push([`api ${String(sessions)} c${String(concurrency)}`, sessions, await load(pair, sessions, concurrency, "api")]);
  };
  await run(SESSIONS, CONCURRENCY);
  rss.afterSmall = await settledRss(pair);
  if (HIGH > 0) await run(SESSIONS, HIGH);
  if (LARGE > 0) {
    await run(LARGE, CONCURRENCY);
    rss.afterLarge = await settledRss(pair);
    rss.sessionsBetween = (HIGH > 0 ? SESSIONS : 0) + LARGE;
  }
  return rss;
}

/**
 * API-only sessions one at a time (what signParts costs with no queue in front of it), full sessions (every part PUT
 * to the store, then complete), then the rate-limit cost on API-only sessions.
 */
async function laterRuns(pair: Instances, rows: LoadRow[], offPair: () => Promise<Instances>): Promise<number[] | undefined> {
  const at = `c${String(CONCURRENCY)}`;
  const windows = knob("WINDOW_SESSIONS", 500);
  if (windows > 0) rows.push([`windows ${String(windows)} ${at}`, windows, await load(pair, windows, CONCURRENCY, "windows")]);
  // The low concurrencies: where signParts still has (almost) no queue in front of it on this machine.
  const solo = knob("SOLO_SESSIONS", 200);
  for (const c of (process.env.BENCH_LOAD_LOW_CONCURRENCIES ?? "1,2,4,8").split(",").map(Number)) {
    if (solo > 0 && c > 0) rows.push([`api ${String(solo)} c${String(c)}`, solo, await load(pair, solo, c, "api")]);
  }
  let afterFull: number[] | undefined;
  if (FULL > 0) {
    rows.push([`full ${String(FULL)} ${at}`, FULL, await load(pair, FULL, CONCURRENCY, "full")]);
    afterFull = await settledRss(pair);
  }
  if (knob("RATE_COMPARE", 1) > 0) {
    const off = await offPair();
    try {
      rows.push([`api ${String(SESSIONS)} ${at} rate limit off`, SESSIONS, await load(off, SESSIONS, CONCURRENCY, "api")]);
      rows.push([`api ${String(SESSIONS)} ${at} rate limit on`, SESSIONS, await load(pair, SESSIONS, CONCURRENCY, "api")]);
    } finally {
      await off.stop();
    }
  }
  return afterFull;
}

async function measure(pair: Instances, offPair: () => Promise<Instances>): Promise<void> {
  const rows: LoadRow[] = [];
  const rss = await apiRuns(pair, rows);
  const afterFull = await laterRuns(pair, rows, offPair);
  reportLoad({ rows, rss: { ...rss, ...(afterFull && { afterFull, fullSessions: FULL }) }, sessions: SESSIONS, concurrency: CONCURRENCY });
}

execFileSync(process.execPath, ["--import", "tsx", "build.ts", "bench/load-server.ts"], { cwd: new URL("..", import.meta.url), stdio: "inherit" });
console.log(`\nload: 2 instances, ${String(LOAD_PARTS)} parts of ${String(LOAD_PART_SIZE)} B per session, figures in ms`);
const dir = await mkdtemp(join(tmpdir(), "hoist-bench-load-"));
const pg = await startPostgres();
try {
  const s3Flags = (process.env.BENCH_LOAD_S3_FLAGS ?? "").split(" ").filter(Boolean);
  const s3 = await startChild(new URL("./s3-child.ts", import.meta.url), [join(dir, "s3"), String(LOAD_PART_SIZE)], s3Flags);
  try {
    const env = instanceEnv(pg.url, field(s3.ready, "endpoint"), join(dir, "server"));
    const pair = await startInstances(2, env);
    try {
      await measure(pair, () => startInstances(2, { ...env, HOIST_RATE_LIMIT: "0" }));
    } finally {
      await pair.stop();
    }
  } finally {
    await s3.stop();
  }
} finally {
  await pg.stop();
  await rm(dir, { recursive: true, force: true });
}
