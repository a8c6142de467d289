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
