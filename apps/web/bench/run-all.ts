/**
 * `pnpm --filter @hoist/web bench [throughput|checksum|main-thread|page-weight|many-files ...]`: the web app's benchmarks in
 * Chromium against the zero-config server, started as the README starts it. Prints figures, ratios and PASS/FAIL
 * per goal; exits 0 whatever the figures (non-zero only on a crash).
 */
import { buildWebApp } from "../test/support/build-web";
import { startHoistServer } from "../test/support/server-process";
import type { HoistServer } from "../test/support/server-process";
import { benchChecksum } from "./checksum";
import { printTable } from "./format";
import type { Figure } from "./format";
import { benchMainThread } from "./main-thread";
import { benchManyFiles } from "./many-files";
import { benchPageWeight } from "./page-weight";
import { benchThroughput } from "./throughput";

const BENCHES: Record<string, (server: HoistServer) => Promise<Figure[]>> = {
  throughput: benchThroughput,
  checksum: benchChecksum,
  "main-thread": benchMainThread,
  "page-weight": benchPageWeight,
  "many-files": benchManyFiles,
};
// Only the throughput and checksum benches run without the built app (they bring their own page).
const APP_FREE = new Set(["throughput", "checksum"]);

const picked = process.argv.slice(2);
const names = picked.length > 0 ? picked : Object.keys(BENCHES);
const needsApp = !names.every((name) => APP_FREE.has(name));
// Built once here, as `pnpm start` builds it: the page-weight bench weighs this very build.
if (needsApp) await buildWebApp();
// The benches measure the page and the engine, not the per-user rate limit: 1,000 files are ~4,000 calls.
const server = await startHoistServer({ HOIST_RATE_LIMIT: "0" }, { requireWebApp: needsApp });
const figures: Figure[] = [];
try {
  for (const name of names) {
    const bench = BENCHES[name];
    if (!bench) throw new Error(`unknown bench ${name}; one of ${Object.keys(BENCHES).join(", ")}`);
    console.log(`\n== ${name}`);
    figures.push(...(await bench(server)));
  }
} finally {
  await server.stop();
}
printTable("web app benchmarks (Chromium, zero-config server)", figures);
