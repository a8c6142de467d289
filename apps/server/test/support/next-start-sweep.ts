import { sweep } from "@hoist/api";
import type { SweepReport } from "@hoist/api";
import { configFromEnv } from "../../src/config";
import { readEnv } from "../../src/env";
import { startServer } from "../../src/start";

/** What a sweep did and what the store held after it, under every prefix. */
export interface SweepOutcome {
  report: SweepReport;
  /** Keys of the multipart uploads still pending. */
  uploads: string[];
  /** Keys of the objects stored. */
  keys: string[];
}

/**
 * Starts the server in this process on `env` (as `pnpm start` reads it, e.g. the same `HOIST_DATA_DIR` as a stopped
 * child), sweeps once with no grace, lists the store and closes: what the next start's sweep would leave behind.
 */
export async function sweepOnNextStart(env: Record<string, string>): Promise<SweepOutcome> {
  const server = await startServer(configFromEnv(readEnv(env)), { sweepIntervalMs: 0 });
  try {
    const report = await sweep(server.deps, { graceSeconds: 0 });
    const uploads: string[] = [];
    for await (const upload of server.deps.storage.listMultipartUploads({ prefix: "" })) uploads.push(upload.key);
    const keys: string[] = [];
    for await (const page of server.deps.storage.listObjectPages({ prefix: "" })) keys.push(...page.map((o) => o.key));
    return { report, uploads, keys };
  } finally {
    await server.close();
  }
}
