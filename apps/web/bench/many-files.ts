/**
 * (e): 1,000 small files chosen at once through the real web app: time from the choice (the input's change event)
 * to the first paint of the queue, the longest task meanwhile, and how long all 1,000 took to upload.
 */
import type { FileRecord } from "@hoist/contract";
import { chooseFiles, openApp, queueItem } from "../test/support/app-page";
import { tempDir, writeManyFiles } from "../test/support/fixtures";
import type { HoistServer } from "../test/support/server-process";
import type { Figure } from "./format";
import { addProbes, blocking, readProbes } from "./probes";

const COUNT = 1_000;

async function countFiles(server: HoistServer): Promise<number> {
  const trpc = await server.trpc();
  const found: FileRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await trpc.files.list.query({ limit: 100, ...(cursor !== undefined && { cursor }) });
    found.push(...page.items.filter((file) => /^file-\d{4}\.txt$/.test(file.name)));
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found.length;
}

/** Chooses the files once and returns the figures. */
export async function benchManyFiles(server: HoistServer): Promise<Figure[]> {
  const dir = await tempDir("hoist-web-bench-many-");
  const app = await openApp(server);
  try {
    await addProbes(app.page);
    await app.page.reload();
    const paths = await writeManyFiles(dir.path, COUNT);
    const started = performance.now();
    await chooseFiles(app.page, paths);
    await queueItem(app.page, "file-0001.txt").waitFor();
    const wall = performance.now() - started;
    await app.page.waitForFunction(() => (window as unknown as { hoistProbes: { firstItemPaintAt?: number } }).hoistProbes.firstItemPaintAt);
    const probes = await readProbes(app.page);
    const changeAt = probes.changeAt ?? Number.NaN;
    const firstPaint = (probes.firstItemPaintAt ?? Number.NaN) - changeAt;
    const adding = blocking(probes, changeAt - 1, (probes.firstItemPaintAt ?? changeAt) + 1_000);
    const uploadStart = performance.now();
    while ((await countFiles(server)) < COUNT) {
      if (performance.now() - uploadStart > 600_000) throw new Error(`1,000 files not uploaded within 10 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const allDone = (performance.now() - started) / 1000;
    const whole = blocking(await readProbes(app.page), changeAt - 1);
    console.log(`  choose to first item visible (seen from Node): ${wall.toFixed(0)} ms; all ${COUNT} uploaded in ${allDone.toFixed(1)} s`);
    return [
      { name: "1,000 files: choice to first paint of the queue", value: `${firstPaint.toFixed(0)} ms` },
      { name: "1,000 files: longest task while adding", value: `${adding.longest.toFixed(0)} ms`, goal: "<= 50 ms", ok: adding.longest <= 50 },
      { name: "1,000 files: longest task, whole upload", value: `${whole.longest.toFixed(0)} ms (TBT ${whole.tbt.toFixed(0)} ms)` },
      { name: "1,000 files: all uploaded", value: `${allDone.toFixed(1)} s` },
    ];
  } finally {
    await app.close();
    await dir.remove();
  }
}
