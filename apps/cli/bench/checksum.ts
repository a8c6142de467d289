/**
 * The cost of whole-file integrity: one large file into local-s3 (store and API each in their own process) by the
 * same engine with checksum "crc64nvme" (each part read once, summed, signed, sent; the whole value checked at
 * complete) and with "none". Goal: crc64nvme >= 0.95x the rate of none. Also the uploading process's CPU seconds
 * per GiB both ways. Size BENCH_MIB (default 2048), best of BENCH_ROUNDS (default 4) rounds, the two modes rotated
 * each round like throughput.ts; the disk is synced before every run.
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import type { ChecksumMode } from "@hoist/contract";
import { tempDir, writeRandomFile } from "@hoist/client/testing";
import { startBenchStack } from "./bench-stack";
import type { BenchStack } from "./bench-stack";
import { engineUpload } from "./engine-upload";
import { MiB, mibPerSecond, timed, verdict } from "./format";

const MODES: readonly ChecksumMode[] = ["crc64nvme", "none"];

/** One run: wall-clock MiB/s, and CPU seconds per GiB of this (uploading) process and of the store's. */
interface Run {
  rate: number;
  cpuPerGiB: number;
  storeCpuPerGiB: number;
}

/** One upload in `mode`. */
async function runOnce(stack: BenchStack, mode: ChecksumMode, path: string, size: number): Promise<Run> {
  execFileSync("sync"); // the store writes every byte twice: let the last run's writeback finish first
  const trpc = stack.trpc();
  const [cpu, before] = [process.cpuUsage(), await stack.cpu()];
  const { value, seconds } = await timed(() => engineUpload(trpc, path, { checksum: mode }));
  const [used, after] = [process.cpuUsage(cpu), await stack.cpu()];
  await trpc.files.delete.mutate({ id: value.fileId });
  const gib = size / 1024 / MiB;
  return { rate: mibPerSecond(size, seconds), cpuPerGiB: (used.user + used.system) / 1e6 / gib, storeCpuPerGiB: (after.store - before.store) / gib };
}

/** The checksum bench: MiB/s and CPU s/GiB per mode, and the ratio against its goal. */
export async function runChecksum(): Promise<void> {
  const size = Number(process.env.BENCH_MIB ?? 2048) * MiB;
  const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
  const tmp = await tempDir("hoist-bench-checksum-");
  const stack = await startBenchStack(5 * MiB);
  try {
    const path = tmp.path("checksum.bin");
    await writeRandomFile(path, size);
    const [load] = loadavg();
    console.log(`  load average ${load!.toFixed(1)} on ${availableParallelism()} cores (wall-clock figures are noisy above that)`);
    const best = { crc64nvme: 0, sha256: 0, none: 0 };
    const cpu = { crc64nvme: Infinity, sha256: Infinity, none: Infinity };
    const storeCpu = { crc64nvme: Infinity, sha256: Infinity, none: Infinity };
    const order = [...MODES];
    for (let round = 1; round <= rounds; round += 1) {
      for (const mode of order) {
        const run = await runOnce(stack, mode, path, size);
        const cpus = `uploader CPU ${run.cpuPerGiB.toFixed(2)} s/GiB, store ${run.storeCpuPerGiB.toFixed(2)}`;
        console.log(`  round ${round} ${mode.padEnd(9)} ${run.rate.toFixed(1)} MiB/s, ${cpus}`);
        best[mode] = Math.max(best[mode], run.rate);
        cpu[mode] = Math.min(cpu[mode], run.cpuPerGiB);
        storeCpu[mode] = Math.min(storeCpu[mode], run.storeCpuPerGiB);
      }
      order.push(order.shift()!);
    }
    const ratio = best.crc64nvme / best.none;
    console.log(`checksum, ${(size / MiB).toFixed(0)} MiB file, best of ${rounds}:`);
    for (const mode of MODES) {
      const cpus = `uploader CPU ${cpu[mode].toFixed(2)} s/GiB, store (local-s3) CPU ${storeCpu[mode].toFixed(2)} s/GiB`;
      console.log(`  engine, ${mode.padEnd(9)}: ${best[mode].toFixed(1)} MiB/s, ${cpus}`);
    }
    console.log(`  crc64nvme / none = ${ratio.toFixed(2)}x (goal >= 0.95x) ${verdict(ratio >= 0.95)}`);
  } finally {
    await stack.close();
    await tmp.remove();
  }
}
