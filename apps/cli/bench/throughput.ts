/**
 * Throughput of one large file into local-s3 (store and API each in their own process): the engine with its
 * defaults vs raw parallel PUTs of the same plan (goal >= 0.9x) vs `@aws-sdk/lib-storage` defaults (goal >= 1.3x).
 * Best of BENCH_ROUNDS (default 2) rounds, contenders rotated each round so none always runs on a cold store.
 */
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { tempDir, writeRandomFile } from "../test/support/temp-file";
import { baselineUpload } from "./baseline-upload";
import { startBenchStack } from "./bench-stack";
import type { BenchStack } from "./bench-stack";
import { engineUpload } from "./engine-upload";
import { MiB, mibPerSecond, timed, verdict } from "./format";
import { libStorageUpload } from "./lib-storage-upload";

type Contender = "engine" | "baseline" | "libStorage";

const CONCURRENCY = 8;

/** Runs one contender once, removes what it stored, and returns its MiB/s. */
async function runOnce(stack: BenchStack, who: Contender, path: string, size: number): Promise<number> {
  const trpc = stack.trpc();
  if (who === "libStorage") {
    const s3 = stack.s3();
    const key = `bench/lib-storage-${Date.now()}`;
    const { seconds } = await timed(() => libStorageUpload(s3, stack.storage.bucket, key, path));
    await s3.send(new DeleteObjectCommand({ Bucket: stack.storage.bucket, Key: key }));
    s3.destroy();
    return mibPerSecond(size, seconds);
  }
  const { value: fileId, seconds } = await timed(async () =>
    who === "engine" ? (await engineUpload(trpc, path, { checksum: "none" })).fileId : baselineUpload(trpc, path, CONCURRENCY),
  );
  await trpc.files.delete.mutate({ id: fileId });
  return mibPerSecond(size, seconds);
}

/** The throughput bench: prints MiB/s per contender and the two ratios against their goals. */
export async function runThroughput(): Promise<void> {
  const size = Number(process.env.BENCH_THROUGHPUT_BYTES ?? 2 * 1024 * MiB);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
  const tmp = await tempDir("hoist-bench-throughput-");
  const stack = await startBenchStack(5 * MiB);
  try {
    const path = tmp.path("throughput.bin");
    await writeRandomFile(path, size);
    const best: Record<Contender, number> = { engine: 0, baseline: 0, libStorage: 0 };
    const order: Contender[] = ["baseline", "engine", "libStorage"];
    for (let round = 1; round <= rounds; round += 1) {
      for (const who of order) {
        const rate = await runOnce(stack, who, path, size);
        console.log(`  round ${round} ${who.padEnd(10)} ${rate.toFixed(1)} MiB/s`);
        best[who] = Math.max(best[who], rate);
      }
      order.push(order.shift()!);
    }
    const [vsBaseline, vsLib] = [best.engine / best.baseline, best.engine / best.libStorage];
    console.log(`throughput, ${(size / MiB).toFixed(0)} MiB file, best of ${rounds}:`);
    console.log(`  engine (defaults, concurrency ${CONCURRENCY}):  ${best.engine.toFixed(1)} MiB/s`);
    console.log(`  raw parallel PUTs (same plan, ${CONCURRENCY} at a time): ${best.baseline.toFixed(1)} MiB/s`);
    console.log(`  @aws-sdk/lib-storage Upload (defaults):   ${best.libStorage.toFixed(1)} MiB/s`);
    console.log(`  engine / raw PUTs    = ${vsBaseline.toFixed(2)}x (goal >= 0.9x) ${verdict(vsBaseline >= 0.9)}`);
    console.log(`  engine / lib-storage = ${vsLib.toFixed(2)}x (goal >= 1.3x) ${verdict(vsLib >= 1.3)}`);
  } finally {
    await stack.close();
    await tmp.remove();
  }
}
