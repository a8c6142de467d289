import { availableParallelism, loadavg } from "node:os";

/** One MiB, the unit every bench prints. */
export const MiB = 1024 * 1024;

/** Throughput in MiB/s. */
export const mibPerSecond = (bytes: number, seconds: number) => bytes / MiB / seconds;

/** "PASS"/"FAIL", for goal lines a reader scans. */
export const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");

/** Runs `fn` and returns its result and the seconds it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/** Prints the load average: wall-clock figures of a bench are noisy when it exceeds the cores. */
export function printLoad(): void {
  console.log(`  load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores (wall-clock figures are noisy above that)`);
}

/**
 * Runs every contender once per round, rotating who goes first each round so each runs first equally often
 * (the first run of a round meets the coldest caches and the quietest disk).
 */
export async function rotatedRounds<C>(contenders: readonly C[], rounds: number, run: (who: C, round: number) => Promise<void>): Promise<void> {
  const order = [...contenders];
  for (let round = 1; round <= rounds; round += 1) {
    for (const who of order) await run(who, round);
    order.push(order.shift() as C);
  }
}
