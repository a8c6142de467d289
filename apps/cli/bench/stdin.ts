/**
 * `hoist upload -` against a file of the same size: MiB/s and peak RSS of the uploading process for a 1 GiB
 * pipe (BENCH_STDIN_BYTES to change it) and a sparse file, both at the default 8 parts in flight, with the CLI's
 * Node flags. A pipe holds each part in memory until storage confirms it, so its bound is about
 * (concurrency + 1) x part size on top of the process; a file is read from disk per attempt.
 */
import { rm, statfs, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { GiB, planParts } from "@hoist/contract";
import { tempDir } from "@hoist/client/testing";
import { startChild } from "@hoist/bench";
import { CLI_NODE_FLAGS } from "../src/node-flags";
import { startBenchStack } from "./bench-stack";
import { bundleChild } from "./bundle";
import { MiB, mibPerSecond } from "./format";

const FLOOR = 5 * MiB;

interface Measured {
  fileId: string;
  size: number;
  seconds: number;
  peak: number;
  buffersPeak: number;
}

/** The stdin bench: prints throughput and peak RSS of a pipe and of a file (or why it was skipped). */
export async function runStdin(): Promise<void> {
  const size = Number(process.env.BENCH_STDIN_BYTES ?? GiB);
  const free = await statfs(tmpdir()).then((disk) => disk.bavail * disk.bsize);
  // local-s3 stores both uploads before each is deleted.
  if (free < 3 * size) {
    console.log(`stdin: SKIPPED, ${(free / GiB).toFixed(1)} GiB free under ${tmpdir()} (needs ${((3 * size) / GiB).toFixed(1)} GiB)`);
    return;
  }
  const tmp = await tempDir("hoist-bench-stdin-");
  const stack = await startBenchStack(FLOOR);
  const bundle = await bundleChild("./stdin-child.ts");
  try {
    const path = tmp.path("sparse.bin");
    await writeFile(path, "");
    await truncate(path, size);
    const measure = async (mode: "pipe" | "file", arg: string) => {
      const child = await startChild(bundle.path, [stack.url, stack.token, mode, arg], CLI_NODE_FLAGS);
      await child.stop();
      const result = child.ready as unknown as Measured;
      await stack.trpc().files.delete.mutate({ id: result.fileId });
      return result;
    };
    report(size, await measure("pipe", String(size)), await measure("file", path));
  } finally {
    await rm(bundle.dir, { recursive: true, force: true });
    await stack.close();
    await tmp.remove();
  }
}

function report(size: number, pipe: Measured, file: Measured): void {
  const { partSize } = planParts(50 * GiB, { minPartSize: FLOOR });
  const line = (what: string, m: Measured) =>
    `  ${what}: ${mibPerSecond(m.size, m.seconds).toFixed(0)} MiB/s (${m.seconds.toFixed(1)} s), peak RSS ${(m.peak / MiB).toFixed(0)} MiB`;
  console.log(`stdin, ${(size / MiB).toFixed(0)} MiB, 8 parts in flight, CLI Node flags (${CLI_NODE_FLAGS.join(" ")}):`);
  console.log(`${line("pipe (hoist upload -, --max-size 50GB)", pipe)}, ${pipe.buffersPeak} part buffers of ${partSize / MiB} MiB at most`);
  console.log(line("file of the same size (sparse)", file));
  console.log(`  pipe / file: ${(file.seconds / pipe.seconds).toFixed(2)}x the speed, ${(pipe.peak / file.peak).toFixed(2)}x the peak RSS`);
}
