/**
 * (d): the built app's JavaScript, raw and gzip (goal <= 120 KiB gzip), the browser engine's share of it
 * (`@hoist/client/browser` bundled alone), and time to interactive on the local server: from navigation start to
 * the "Choose files" button being there and enabled, on a fresh profile (cold) and on reloads (warm, median).
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { bundleForBrowser, launchChromium } from "@hoist/browser-testing";
import { chooseButton } from "../test/support/app-page";
import { DIST_DIR } from "../test/support/paths";
import type { HoistServer } from "../test/support/server-process";
import { median } from "./format";
import type { Figure } from "./format";
import { addProbes } from "./probes";

const KiB = 1024;
const ENGINE_ENTRY = fileURLToPath(new URL("browser/engine-only.ts", import.meta.url));
const gzipLength = (bytes: Uint8Array | string) => gzipSync(bytes, { level: 9 }).length;

/** Every `.js` file of the build, recursively, with its raw and gzip size. */
async function builtScripts(dir = DIST_DIR): Promise<{ file: string; raw: number; gzip: number }[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const scripts = entries.filter((entry) => entry.isFile() && entry.name.endsWith(".js"));
  return Promise.all(
    scripts.map(async (entry) => {
      const bytes = await readFile(join(entry.parentPath, entry.name));
      return { file: entry.name, raw: bytes.length, gzip: gzipLength(bytes) };
    }),
  );
}

type ProbeWindow = Window & { hoistProbes: { interactiveAt?: number } };

/** Navigation start to an enabled "Choose files", per the in-page probe: a cold load, then `reloads` warm ones. */
async function timeToInteractive(server: HoistServer, reloads: number): Promise<{ cold: number; warm: number }> {
  // A fresh profile of its own: nothing cached, so the first load is the cold case.
  const chromium = await launchChromium();
  try {
    const page = chromium.context.pages()[0] ?? (await chromium.context.newPage());
    await addProbes(page);
    const interactive = async () => {
      await chooseButton(page).waitFor();
      const at = await page.waitForFunction(() => (window as unknown as ProbeWindow).hoistProbes.interactiveAt);
      return (await at.jsonValue()) ?? Number.NaN;
    };
    await page.goto(server.url);
    const cold = await interactive();
    const warm: number[] = [];
    for (let i = 0; i < reloads; i += 1) {
      await page.reload();
      warm.push(await interactive());
    }
    return { cold, warm: median(warm) };
  } finally {
    await chromium.close();
  }
}

/** Measures and returns the figures. */
export async function benchPageWeight(server: HoistServer): Promise<Figure[]> {
  const scripts = await builtScripts();
  for (const script of scripts) console.log(`  ${script.file}: ${(script.raw / KiB).toFixed(1)} KiB, gzip ${(script.gzip / KiB).toFixed(1)} KiB`);
  const total = scripts.reduce((sum, s) => ({ raw: sum.raw + s.raw, gzip: sum.gzip + s.gzip }), { raw: 0, gzip: 0 });
  const engine = await bundleForBrowser(ENGINE_ENTRY);
  const engineGzip = gzipLength(engine);
  const tti = await timeToInteractive(server, 3);
  return [
    { name: "web app JS, gzip (minified)", value: `${(total.gzip / KiB).toFixed(1)} KiB`, goal: "<= 120 KiB", ok: total.gzip <= 120 * KiB },
    { name: "web app JS, minified", value: `${(total.raw / KiB).toFixed(1)} KiB` },
    { name: "@hoist/client/browser alone, gzip", value: `${(engineGzip / KiB).toFixed(1)} KiB`, goal: "<= 20 KiB", ok: engineGzip <= 20 * KiB },
    { name: "time to interactive, cold profile", value: `${tti.cold.toFixed(0)} ms` },
    { name: "time to interactive, reload (median of 3)", value: `${tti.warm.toFixed(0)} ms` },
  ];
}
