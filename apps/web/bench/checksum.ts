/**
 * Whole-file integrity in the browser: the engine uploads the same File (BENCH_MIB MiB on disk, default 1024,
 * chosen into the bench page) with checksum "crc64nvme" (each part read once and summed in a Web Worker) and
 * "none", BENCH_ROUNDS rounds (default 3) after an untimed warm-up, contenders rotated, median rate. Also the
 * longest main-thread task seen during the crc64nvme runs (long-task observer, as main-thread.ts).
 */
import { tempDir, writeDeterministicFile } from "../test/support/fixtures";
import type { HoistServer } from "../test/support/server-process";
import { openBenchPage } from "./bench-page";
import type { BenchPage } from "./bench-page";
import { cpuSnapshot, cpuUsed, formatCpu } from "./cpu-share";
import type { CpuGroup, CpuSnapshot } from "./cpu-share";
import { median, MiB } from "./format";
import type { Figure } from "./format";
import { addProbes, blocking, readProbes } from "./probes";

type Contender = "crc64nvme" | "none";

/** One timed upload: its rate, the longest main-thread task while it ran, and the CPU time each process group used. */
async function timedRun(bench: BenchPage, who: Contender, size: number) {
  const from = await bench.page.evaluate(() => performance.now());
  const before = cpuSnapshot();
  const result = await bench.engine(size, who);
  const cpu = cpuUsed(before, cpuSnapshot());
  const to = await bench.page.evaluate(() => performance.now());
  return { rate: size / MiB / result.seconds, longest: blocking(await readProbes(bench.page), from, to).longest, fileId: result.fileId, cpu };
}

/** Adds one run's CPU time to a total. */
function addCpu(total: CpuSnapshot, used: CpuSnapshot): void {
  for (const [group, seconds] of used) total.set(group, (total.get(group) ?? 0) + seconds);
}

/** Runs the rounds and returns the figures for the final table. */
export async function benchChecksum(server: HoistServer): Promise<Figure[]> {
  const size = Number(process.env.BENCH_MIB ?? 1024) * MiB;
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const trpc = await server.trpc();
  const bench = await openBenchPage(server.origin, await server.token());
  const dir = await tempDir("hoist-web-bench-checksum-");
  const rates: Record<Contender, number[]> = { crc64nvme: [], none: [] };
  const cpu: Record<Contender, CpuSnapshot> = { crc64nvme: new Map<CpuGroup, number>(), none: new Map<CpuGroup, number>() };
  let longest = 0;
  try {
    await addProbes(bench.page);
    await bench.page.reload();
    await bench.page.waitForFunction(() => "hoistBench" in window);
    await writeDeterministicFile(dir.file("source.bin"), size, "checksum");
    await bench.chooseSource(dir.file("source.bin"));
    for (const who of ["crc64nvme", "none"] as const) await trpc.files.delete.mutate({ id: (await bench.engine(32 * MiB, who)).fileId });
    const order: Contender[] = ["crc64nvme", "none"];
    for (let round = 1; round <= rounds; round += 1) {
      for (const who of order) {
        const run = await timedRun(bench, who, size);
        await trpc.files.delete.mutate({ id: run.fileId });
        rates[who].push(run.rate);
        addCpu(cpu[who], run.cpu);
        if (who === "crc64nvme") longest = Math.max(longest, run.longest);
        console.log(`  round ${round} ${who.padEnd(9)} ${run.rate.toFixed(1)} MiB/s  longest main-thread task ${run.longest.toFixed(0)} ms`);
      }
      order.push(order.shift()!);
    }
  } finally {
    await bench.close();
    await dir.remove();
  }
  const [crc, none] = [median(rates.crc64nvme), median(rates.none)];
  return [
    { name: `engine, checksum crc64nvme (${(size / MiB).toFixed(0)} MiB File, median of ${rounds})`, value: `${crc.toFixed(1)} MiB/s` },
    { name: "engine, checksum none", value: `${none.toFixed(1)} MiB/s` },
    { name: "engine crc64nvme / none", value: `${(crc / none).toFixed(2)}x`, goal: ">= 0.85x", ok: crc / none >= 0.85 },
    { name: "crc64nvme: longest main-thread task", value: `${longest.toFixed(0)} ms`, goal: "< 50 ms", ok: longest < 50 },
    ...(["crc64nvme", "none"] as const).map((who) => ({ name: `CPU per GiB, ${who} (all processes)`, value: formatCpu(cpu[who], (rounds * size) / (1024 * MiB)) })),
  ];
}
