/**
 * (a) + (b): 1 GiB (BENCH_WEB_BYTES) of random bytes, a File on disk chosen into the page (BENCH_WEB_SOURCE=blob: a
 * Blob generated in the page), uploaded in Chromium through the browser engine, through
 * its sha256 mode, and as raw XHR PUTs of the same parts with the same concurrency from the same page. BENCH_ROUNDS
 * rounds (default 3) after an untimed warm-up, contenders rotated each round, median rate; each file is deleted
 * after its run.
 */
import { execFileSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { tempDir, writeDeterministicFile } from "../test/support/fixtures";
import type { HoistServer } from "../test/support/server-process";
import { openBenchPage } from "./bench-page";
import { cpuSnapshot, cpuUsed, formatCpu } from "./cpu-share";
import type { CpuGroup, CpuSnapshot } from "./cpu-share";
import type { BenchPage } from "./bench-page";
import type { RunResult } from "./browser/bench-entry";
import { median, MiB } from "./format";
import type { Figure } from "./format";

type Contender = "raw" | "engine" | "sha256" | "raw-sha256";
const CONTENDERS: readonly Contender[] = ["raw", "engine", "sha256", "raw-sha256"];

function run(bench: BenchPage, who: Contender, size: number): Promise<RunResult> {
  if (who === "raw") return bench.raw(size);
  if (who === "raw-sha256") return bench.rawSha256(size);
  return bench.engine(size, who === "sha256" ? "sha256" : "none");
}

/** Adds one run's CPU time to the contender's total. */
function addCpu(totals: Map<Contender, CpuSnapshot>, who: Contender, used: CpuSnapshot): void {
  const total: CpuSnapshot = totals.get(who) ?? new Map<CpuGroup, number>();
  for (const [group, seconds] of used) total.set(group, (total.get(group) ?? 0) + seconds);
  totals.set(who, total);
}

/** Runs the rounds and returns the figures for the final table. */
export async function benchThroughput(server: HoistServer): Promise<Figure[]> {
  const size = Number(process.env.BENCH_WEB_BYTES ?? 1024 * MiB);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const trpc = await server.trpc();
  const bench = await openBenchPage(server.origin, await server.token());
  const dir = await tempDir("hoist-web-bench-blob-");
  // Default: a random file on disk chosen into the page (a File, as users upload). In-memory Blob slices are
  // copied by Chromium and run into its blob memory limit (ERR_BLOB_OUT_OF_MEMORY) at 1 GiB with 4 in flight.
  const source = process.env.BENCH_WEB_SOURCE ?? "file";
  if (source === "file") {
    await writeDeterministicFile(dir.file("source.bin"), size, "bench");
    await bench.chooseSource(dir.file("source.bin"));
  }
  const rates: Record<Contender, number[]> = { raw: [], engine: [], sha256: [], "raw-sha256": [] };
  const firstPut: number[] = [];
  const cpu = new Map<Contender, CpuSnapshot>();
  try {
    const [load] = loadavg();
    console.log(`  load average ${load?.toFixed(1) ?? "?"} on ${availableParallelism()} cores (wall-clock figures are noisy above that)`);
    // Untimed warm-up of every path (JIT, sockets, the store's first files), so round 1 is not the cold one.
    for (const who of CONTENDERS) await trpc.files.delete.mutate({ id: (await run(bench, who, 32 * MiB)).fileId });
    const order = [...CONTENDERS];
    for (let round = 1; round <= rounds; round += 1) {
      for (const who of order) {
        // The store writes each byte twice (part, then assembly): let the disk catch up between runs.
        execFileSync("sync");
        const before = cpuSnapshot();
        const result = await run(bench, who, size);
        addCpu(cpu, who, cpuUsed(before, cpuSnapshot()));
        await trpc.files.delete.mutate({ id: result.fileId });
        const rate = size / MiB / result.seconds;
        rates[who].push(rate);
        if (who === "sha256") firstPut.push(result.firstPutMs);
        console.log(`  round ${round} ${who.padEnd(7)} ${rate.toFixed(1)} MiB/s  first PUT at ${result.firstPutMs.toFixed(0)} ms`);
      }
      order.push(order.shift()!);
    }
  } finally {
    await bench.close();
    await dir.remove();
  }
  const [raw, engine, sha, rawSha] = [median(rates.raw), median(rates.engine), median(rates.sha256), median(rates["raw-sha256"])];
  const firstPutMs = median(firstPut);
  const label = `${(size / MiB).toFixed(0)} MiB ${source === "file" ? "File" : "Blob"}, median of ${rounds}`;
  return [
    { name: `raw XHR PUTs (${label})`, value: `${raw.toFixed(1)} MiB/s` },
    { name: "engine, checksum none", value: `${engine.toFixed(1)} MiB/s` },
    { name: "engine, checksum sha256", value: `${sha.toFixed(1)} MiB/s` },
    { name: "engine / raw", value: `${(engine / raw).toFixed(2)}x`, goal: ">= 1.0x", ok: engine / raw >= 1 },
    { name: "engine sha256 / raw", value: `${(sha / raw).toFixed(2)}x`, goal: ">= 0.85x", ok: sha / raw >= 0.85 },
    { name: "raw PUTs with precomputed sha256 headers", value: `${rawSha.toFixed(1)} MiB/s (storage verifying: ${(rawSha / raw).toFixed(2)}x of raw)` },
    { name: "engine sha256 / raw with sha256 headers", value: `${(sha / rawSha).toFixed(2)}x (the engine's own hashing)` },
    ...(["raw", "engine", "sha256"] as const).map((who) => ({
      name: `CPU per GiB, ${who} (all processes)`,
      value: formatCpu(cpu.get(who) ?? new Map<CpuGroup, number>(), (rounds * size) / (1024 * MiB)),
    })),
    { name: "sha256: start to first PUT", value: `${firstPutMs.toFixed(0)} ms`, goal: "<= 200 ms", ok: firstPutMs <= 200 },
  ];
}
