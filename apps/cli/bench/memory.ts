/**
 * Peak RSS of the uploading process for a 10 GiB sparse file (no disk for the source; local-s3 still writes
 * 10 GiB, so the bench skips itself below 25 GiB free). The uploader runs in its own process so the figure is
 * its own. Bound: parts held x part size + 64 MiB, where checksum crc64nvme (the default) holds each part's bytes
 * from its one read until storage confirms it: the parts in flight and one window (as many again) read ahead. Measured with the CLI's Node flags (the uploading process
 * `hoist upload` is), and again with Node's defaults, beside raw node:http PUTs of the same parts.
 */
import { rm, statfs, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { planParts } from "@hoist/contract";
import { CLI_NODE_FLAGS } from "../src/node-flags";
import { tempDir } from "@hoist/client/testing";
import { startBenchStack } from "./bench-stack";
import { bundleChild } from "./bundle";
import { startChild } from "@hoist/bench";
import { MiB, verdict } from "./format";

const FLOOR = 5 * MiB;
/** The engine's documented Node default; memory-child.ts uploads with the defaults. */
const IN_FLIGHT = 8;
/** Parts whose bytes the default (crc64nvme) engine holds at most: in flight, and as many read ahead. */
const HELD = 2 * IN_FLIGHT;
const NEEDED_FREE = 25 * 1024 * MiB;

/** The memory bench: prints the peak RSS, the bound and the verdict (or why it was skipped). */
export async function runMemory(): Promise<void> {
  const size = Number(process.env.BENCH_MEMORY_BYTES ?? 10 * 1024 * MiB);
  const disk = await statfs(tmpdir());
  const free = disk.bavail * disk.bsize;
  if (free < NEEDED_FREE) {
    console.log(`memory: SKIPPED, ${(free / 1024 / MiB).toFixed(1)} GiB free under ${tmpdir()} (needs 25 GiB)`);
    return;
  }
  const tmp = await tempDir("hoist-bench-memory-");
  const stack = await startBenchStack(FLOOR);
  try {
    const path = tmp.path("sparse.bin");
    await writeFile(path, "");
    await truncate(path, size);
    const bundle = await bundleChild("./memory-child.ts");
    const measure = async (mode: "engine" | "raw", flags: readonly string[]) => {
      const child = await startChild(bundle.path, [stack.url, stack.token, path, mode], flags);
      await child.stop();
      const result = child.ready as Measured & { fileId: string };
      await stack.trpc().files.delete.mutate({ id: result.fileId });
      return result;
    };
    // As the CLI runs (its Node flags), as a library in a process with Node's defaults, and the raw baseline.
    const engine = await measure("engine", CLI_NODE_FLAGS);
    const defaults = await measure("engine", []);
    const raw = await measure("raw", CLI_NODE_FLAGS).finally(() => rm(bundle.dir, { recursive: true, force: true }));
    report(size, engine, defaults, raw);
  } finally {
    await stack.close();
    await tmp.remove();
  }
}

type Measured = Record<"peak" | "peakBefore" | "rssBefore", number> & { breakdown: Record<string, number> };

function report(size: number, engine: Measured, defaults: Measured, raw: Measured): void {
  const { partSize } = planParts(size, { minPartSize: FLOOR });
  const bound = HELD * partSize + 64 * MiB;
  const mib = (bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`;
  const growth = engine.peak - engine.rssBefore;
  console.log(`memory, ${(size / 1024 / MiB).toFixed(0)} GiB sparse file, ${partSize / MiB} MiB parts, ${IN_FLIGHT} in flight:`);
  console.log(`  before the upload: RSS ${mib(engine.rssBefore)}, peak so far ${mib(engine.peakBefore)} (node + the bundled engine)`);
  console.log(`  peak RSS of the uploading process (the CLI's Node flags: ${CLI_NODE_FLAGS.join(" ")}): ${mib(engine.peak)}`);
  console.log(`  bound ${HELD} parts held (${IN_FLIGHT} in flight, ${HELD - IN_FLIGHT} read ahead) x ${partSize / MiB} MiB + 64 MiB = ${mib(bound)}`);
  console.log(`  whole process vs bound: ${verdict(engine.peak <= bound)}`);
  const parts = Object.entries(engine.breakdown).map(([k, v]) => `${k} ${mib(v)}`);
  console.log(`  at the highest 10 Hz sample: ${parts.join(", ")}`);
  console.log(`  growth during the upload (peak - RSS before) ${mib(growth)} vs bound: ${verdict(growth <= bound)}`);
  const defaultsGrowth = defaults.peak - defaults.rssBefore;
  console.log(`  same engine with Node's default flags (V8 grows the young generation to 48 MiB): peak ${mib(defaults.peak)}, growth ${mib(defaultsGrowth)}`);
  const rawGrowth = raw.peak - raw.rssBefore;
  console.log(`  baseline, same parts as raw node:http PUTs (8 at a time, same flags): peak ${mib(raw.peak)}, growth ${mib(rawGrowth)}`);
  console.log(`  engine / raw: peak ${(engine.peak / raw.peak).toFixed(2)}x, growth ${(growth / rawGrowth).toFixed(2)}x`);
}
