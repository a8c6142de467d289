/**
 * Peak RSS of the uploading process for a 10 GiB sparse file (no disk for the source; local-s3 still writes
 * 10 GiB, so the bench skips itself below 25 GiB free). The uploader runs in its own process so the figure is
 * its own. Bound: parts in flight x part size + 64 MiB.
 */
import { statfs, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { planParts } from "@hoist/contract";
import { tempDir } from "../test/support/temp-file";
import { startBenchStack } from "./bench-stack";
import { startChild } from "./children";
import { MiB, verdict } from "./format";

const FLOOR = 5 * MiB;
/** The engine's documented Node default; memory-child.ts uploads with the defaults. */
const IN_FLIGHT = 8;
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
    const child = await startChild("./memory-child.ts", [stack.url, stack.token, path]);
    await child.stop();
    const { peak, peakBefore, rssBefore, fileId } = child.ready as Record<"peak" | "peakBefore" | "rssBefore", number> & { fileId: string };
    const { partSize } = planParts(size, { minPartSize: FLOOR });
    const bound = IN_FLIGHT * partSize + 64 * MiB;
    const [mib, growth] = [(bytes: number) => `${(bytes / MiB).toFixed(0)} MiB`, peak - rssBefore];
    console.log(`memory, ${(size / 1024 / MiB).toFixed(0)} GiB sparse file, ${partSize / MiB} MiB parts, ${IN_FLIGHT} in flight:`);
    console.log(`  before the upload: RSS ${mib(rssBefore)}, peak ${mib(peakBefore)} (node + tsx loader + transpiled imports)`);
    console.log(`  peak RSS of the uploading process: ${mib(peak)}; bound ${IN_FLIGHT} x ${partSize / MiB} MiB + 64 MiB = ${mib(bound)}`);
    console.log(`  whole process vs bound: ${verdict(peak <= bound)}`);
    console.log(`  growth during the upload (peak - RSS before) ${mib(growth)} vs bound: ${verdict(growth <= bound)}`);
    await stack.trpc().files.delete.mutate({ id: fileId });
  } finally {
    await stack.close();
    await tmp.remove();
  }
}
