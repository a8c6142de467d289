/**
 * Throughput of one large file into local-s3 (store and API each in their own process): the engine with its
 * defaults vs raw parallel PUTs of the same plan (goal >= 0.9x) vs `@aws-sdk/lib-storage` defaults (goal >= 1.3x);
 * the same raw PUTs through the engine's default transport tell its transport's cost from the rest of the engine.
 * Best of BENCH_ROUNDS (default 4) rounds, contenders rotated each round so each runs first once; the disk is
 * synced before every run.
 */
import { execFileSync } from "node:child_process";
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { baselineUpload } from "./baseline-upload";
import { withBenchFile } from "./bench-stack";
import type { BenchStack } from "./bench-stack";
import { engineUpload } from "./engine-upload";
import { MiB, mibPerSecond, rotatedRounds, timed, verdict } from "./format";
import { libStorageUpload } from "./lib-storage-upload";

/** `rawTransport`: the baseline through the engine's default transport, to split a gap into transport and engine cost. */
type Contender = "engine" | "baseline" | "rawTransport" | "libStorage";
const CONTENDERS: readonly Contender[] = ["baseline", "engine", "rawTransport", "libStorage"];

const CONCURRENCY = 8;

/** One contender's run: wall-clock rate, and this (uploading) process's CPU seconds per GiB. */
interface Run {
  rate: number;
  cpuPerGiB: number;
}

/** Uploads with one contender; resolves with a clean-up that removes what it stored. */
async function upload(stack: BenchStack, who: Contender, path: string): Promise<() => Promise<unknown>> {
  const trpc = stack.trpc();
  if (who === "libStorage") {
    const s3 = stack.s3();
    const key = `bench/lib-storage-${Date.now()}`;
    await libStorageUpload(s3, stack.storage.bucket, key, path);
    return () => s3.send(new DeleteObjectCommand({ Bucket: stack.storage.bucket, Key: key })).finally(() => {
      s3.destroy();
    });
  }
  // Same checksum mode as the baseline: none (sha256 would add a hashing pass the others do not make).
  const id =
    who === "engine"
      ? (await engineUpload(trpc, path, { checksum: "none" })).fileId
      : await baselineUpload(trpc, path, CONCURRENCY, who === "baseline" ? "node-http" : "engine-transport");
  return () => trpc.files.delete.mutate({ id });
}

async function runOnce(stack: BenchStack, who: Contender, path: string, size: number): Promise<Run> {
  // The store writes every byte twice (part, assembly): without this the next contender would run while the
  // kernel is still writing back the last one's GiBs, and be throttled for it.
  execFileSync("sync");
  const cpu = process.cpuUsage();
  const { value: cleanUp, seconds } = await timed(() => upload(stack, who, path));
  const used = process.cpuUsage(cpu);
  await cleanUp();
  return { rate: mibPerSecond(size, seconds), cpuPerGiB: (used.user + used.system) / 1e6 / (size / 1024 / MiB) };
}

/** The throughput bench: prints MiB/s per contender and the two ratios against their goals. */
export async function runThroughput(): Promise<void> {
  const size = Number(process.env.BENCH_THROUGHPUT_BYTES ?? 2 * 1024 * MiB);
  const rounds = Number(process.env.BENCH_ROUNDS ?? CONTENDERS.length);
  await withBenchFile("throughput", size, async (stack, path) => {
    const best = Object.fromEntries(CONTENDERS.map((c) => [c, 0])) as Record<Contender, number>;
    const cpu = Object.fromEntries(CONTENDERS.map((c) => [c, Infinity])) as Record<Contender, number>;
    await rotatedRounds(CONTENDERS, rounds, async (who, round) => {
      const run = await runOnce(stack, who, path, size);
      console.log(`  round ${round} ${who.padEnd(10)} ${run.rate.toFixed(1)} MiB/s, uploader CPU ${run.cpuPerGiB.toFixed(2)} s/GiB`);
      best[who] = Math.max(best[who], run.rate);
      cpu[who] = Math.min(cpu[who], run.cpuPerGiB);
    });
    const [vsBaseline, vsLib] = [best.engine / best.baseline, best.engine / best.libStorage];
    console.log(`throughput, ${(size / MiB).toFixed(0)} MiB file, best of ${rounds}:`);
    console.log(`  engine (defaults, concurrency ${CONCURRENCY}):  ${best.engine.toFixed(1)} MiB/s`);
    console.log(`  raw parallel PUTs (same plan, ${CONCURRENCY} at a time): ${best.baseline.toFixed(1)} MiB/s`);
    console.log(`  same raw PUTs via the engine's transport: ${best.rawTransport.toFixed(1)} MiB/s`);
    console.log(`  @aws-sdk/lib-storage Upload (defaults):   ${best.libStorage.toFixed(1)} MiB/s`);
    console.log(`  engine / raw PUTs    = ${vsBaseline.toFixed(2)}x (goal >= 0.9x) ${verdict(vsBaseline >= 0.9)}`);
    console.log(`  engine / lib-storage = ${vsLib.toFixed(2)}x (goal >= 1.3x) ${verdict(vsLib >= 1.3)}`);
    const cpuLine = (who: Contender) => `${who} ${cpu[who].toFixed(2)}`;
    console.log(`  engine / raw PUTs via its transport = ${(best.engine / best.rawTransport).toFixed(2)}x (the engine's own overhead)`);
    console.log(`  uploader CPU s/GiB (lowest): ${CONTENDERS.map(cpuLine).join(", ")}`);
  });
}
