/**
 * (c): the main thread of the real web app while it uploads a 1 GiB file (BENCH_WEB_BYTES) chosen through its
 * file input: longest task and total blocking time from long-task entries (goal: no task over 50 ms), and the
 * app's own upload rate.
 */
import { chooseFiles, openApp, waitForState } from "../test/support/app-page";
import { tempDir, writeSparseFile } from "../test/support/fixtures";
import type { HoistServer } from "../test/support/server-process";
import { MiB } from "./format";
import type { Figure } from "./format";
import { addProbes, blocking, readProbes } from "./probes";

const NAME = "main-thread-1gib.bin";

/** Uploads once through the page and returns the figures. */
export async function benchMainThread(server: HoistServer): Promise<Figure[]> {
  const size = Number(process.env.BENCH_WEB_BYTES ?? 1024 * MiB);
  const dir = await tempDir("hoist-web-bench-");
  const app = await openApp(server);
  try {
    await addProbes(app.page);
    await app.page.reload();
    const path = dir.file(NAME);
    // A file with no bytes on disk (a hole): the browser reads zeros as fast as the page can take them.
    await writeSparseFile(path, size);
    const started = performance.now();
    await chooseFiles(app.page, path);
    await waitForState(app.page, NAME, "done", 600_000);
    const seconds = (performance.now() - started) / 1000;
    const probes = await readProbes(app.page);
    const { longest, tbt, count } = blocking(probes, probes.changeAt ?? 0);
    const trpc = await server.trpc();
    const record = (await trpc.files.list.query({})).items.find((file) => file.name === NAME);
    if (record) await trpc.files.delete.mutate({ id: record.id });
    console.log(`  ${(size / MiB).toFixed(0)} MiB in ${seconds.toFixed(1)} s through the page; ${count} long tasks`);
    const worst = probes.longFrames.filter((frame) => frame.start >= (probes.changeAt ?? 0)).sort((x, y) => y.duration - x.duration)[0];
    if (worst) console.log(`  longest frame ${worst.duration.toFixed(0)} ms at +${(worst.start - (probes.changeAt ?? 0)).toFixed(0)} ms: ${worst.scripts.join("; ") || "no script (style, layout, GC)"}`);
    return [
      { name: `web app upload rate (${(size / MiB).toFixed(0)} MiB file)`, value: `${(size / MiB / seconds).toFixed(1)} MiB/s` },
      { name: "main thread: longest task", value: `${longest.toFixed(0)} ms`, goal: "<= 50 ms", ok: longest <= 50 },
      { name: "main thread: total blocking time", value: `${tbt.toFixed(0)} ms` },
    ];
  } finally {
    await app.close();
    await dir.remove();
  }
}
