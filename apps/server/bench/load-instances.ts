/** The load bench's server instances: the bundled bench entry, as `pnpm start` runs, sharing one Postgres and store. */
import { startChild } from "@hoist/bench";
import type { BenchChild } from "@hoist/bench";
import { startMainProcess } from "../test/support/main-process";
import type { MainProcess } from "../test/support/main-process";
import type { LoadResult, LoadRun } from "./load-plan";
import { BENCH_SECRET } from "./secret";
import { treeCpuMs, treeRss } from "./proc-tree";

/** Server instances started together; `stop()` stops every one that started. */
export interface Instances {
  urls: string[];
  /** VmRSS of each instance's process tree, in bytes. */
  rss(): Promise<number[]>;
  /** CPU time of all instances together so far, in milliseconds. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/** The environment of an instance: Postgres at `databaseUrl`, the bench's store at `s3Endpoint`, HS256 auth. */
export function instanceEnv(databaseUrl: string, s3Endpoint: string, dataDir: string): Record<string, string> {
  return {
    HOIST_DATABASE_URL: databaseUrl,
    HOIST_S3_ENDPOINT: s3Endpoint,
    HOIST_S3_PROVIDER: "local",
    HOIST_S3_BUCKET: "bench",
    HOIST_S3_ACCESS_KEY_ID: "bench-key",
    HOIST_S3_SECRET_ACCESS_KEY: "bench-secret-0123456789abcdef",
    HOIST_JWT_SECRET: BENCH_SECRET,
    HOIST_DATA_DIR: dataDir,
    ...(process.env.BENCH_LOAD_LOG_LEVEL && { HOIST_LOG_LEVEL: process.env.BENCH_LOAD_LOG_LEVEL }),
    // e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the instances under load.
    ...(process.env.BENCH_LOAD_NODE_OPTIONS && { NODE_OPTIONS: process.env.BENCH_LOAD_NODE_OPTIONS }),
  };
}

/** Starts `count` instances with `env` (`dist/load-server.js` must be built); stops them all if one fails to start. */
export async function startInstances(count: number, env: Record<string, string>): Promise<Instances> {
  const mains: MainProcess[] = [];
  const stop = async () => {
    await Promise.all(mains.map((main) => main.stop()));
  };
  try {
    const urls: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const main = startMainProcess({ HOIST_PORT: "0", ...env }, "bundle", "dist/load-server.js");
      mains.push(main);
      const output = await main.waitFor(/Hoist API\s+http:\/\/\S+\/trpc/);
      urls.push(/Hoist API\s+(http:\/\/\S+)\/trpc/.exec(output)?.[1] ?? "");
    }
    const each = <T>(of: (pid: number) => Promise<T>) => Promise.all(mains.map((main) => of(main.child.pid ?? 0)));
    return { urls, rss: () => each(treeRss), cpuMs: async () => (await each(treeCpuMs)).reduce((a, b) => a + b, 0), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Runs the load generator in its own process against `instances`; adds the instances' CPU time per session (all
 * of them together), a figure the other processes sharing the machine disturb less than latency.
 */
export async function generateLoad(instances: Instances, run: Omit<LoadRun, "urls">): Promise<LoadResult> {
  const cpuBefore = await instances.cpuMs();
  const child: BenchChild = await startChild(new URL("./load-child.ts", import.meta.url), [JSON.stringify({ ...run, urls: instances.urls })]);
  await child.stop();
  const result = child.ready as unknown as LoadResult;
  return { ...result, apiCpuMsPerSession: ((await instances.cpuMs()) - cpuBefore) / run.sessions };
}
