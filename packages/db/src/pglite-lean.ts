import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { setFlagsFromString } from "node:v8";

import { PGlite } from "@electric-sql/pglite";
import type { PGliteOptions } from "@electric-sql/pglite";

/**
 * PGlite's Postgres keeps its shared memory in the WASM heap, which only grows, so every page of it touched stays
 * resident for good. With the defaults (128 MB of shared_buffers) PGlite alone held ~310 MiB idle, ~160 MiB with
 * these; over 1,000 sessions a server with 2 MB grew 10 MiB less than with 8 MB. The files are on the real disk,
 * in the OS page cache, so a small pool mostly avoids caching the same pages twice.
 * Per-process settings (`-c`), not postgresql.conf: nothing is written into the data directory.
 */
const LEAN_SETTINGS = ["shared_buffers=2MB", "temp_buffers=1MB", "wal_buffers=256kB", "maintenance_work_mem=16MB"];

/** PGlite's own start parameters plus {@link LEAN_SETTINGS}. */
export const leanPgliteOptions: PGliteOptions = {
  startParams: [...PGlite.defaultStartParams, ...LEAN_SETTINGS.flatMap((setting) => ["-c", setting])],
};

/**
 * V8 compiles PGlite's 9 MB of WASM with Liftoff, then recompiles hot functions with TurboFan and keeps both:
 * ~50 MiB of RSS. Liftoff alone opened a database in 0.4 s instead of 1.1 s, and the server's short queries kept
 * their pace (`apps/server/bench/idle-rss.ts`: ~17 ms per create + abort, as before). Set before the module is
 * compiled; it affects only WebAssembly.
 */
export function preferLiftoff(): void {
  setFlagsFromString("--liftoff-only");
}

const INIT_SCRIPT = `
const [entry, dataDir, options] = process.argv.slice(1);
const { PGlite } = require(entry);
PGlite.create(dataDir, JSON.parse(options)).then((pg) => pg.close());
`;

/**
 * A new data directory needs initdb, which PGlite runs in two more Postgres instances; their WASM heaps and
 * the data tarball (~450 MiB) are garbage that an idle server never collects. Run in a child process, all of it
 * goes back to the OS when the child exits. An existing directory is left alone.
 */
export async function initPgliteDir(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, "PG_VERSION"))) return;
  const entry = createRequire(import.meta.url).resolve("@electric-sql/pglite");
  const args = ["--liftoff-only", "-e", INIT_SCRIPT, entry, dataDir, JSON.stringify(leanPgliteOptions)];
  await promisify(execFile)(process.execPath, args);
}
