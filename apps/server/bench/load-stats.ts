/** Figures of the load bench: latency percentiles, the run table and the goal lines. */
import type { Latency, LoadResult } from "./load-plan";

const MiB = 1024 * 1024;

/** Nearest-rank percentiles of `samples` (milliseconds). */
export function latencyOf(samples: number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { count: sorted.length, p50: rank(0.5), p99: rank(0.99), max: sorted.at(-1) ?? 0 };
}

const PROCEDURES = ["create", "signParts", "put", "complete", "abort"] as const;
const ms = (n: number | undefined) => (n === undefined ? "-" : n.toFixed(1)).padStart(7);

/** The table's header, one row per run below it. */
export function runHeader(): string {
  const cells = PROCEDURES.map((p) => `${p} p50/p99`.padStart(20));
  return `${"run (ms)".padEnd(34)}${"sessions/s".padStart(11)}${"5xx".padStart(5)}${"429".padStart(5)}${"failed".padStart(7)}${"API CPU/session".padStart(16)}${cells.join("")}`;
}

/** One run: throughput, errors and each procedure's p50/p99. */
export function runRow(label: string, sessions: number, result: LoadResult): string {
  const rate = (result.completed / result.seconds).toFixed(1);
  const failed = sessions - result.completed;
  const cells = PROCEDURES.map((p) => `${ms(result.latency[p]?.p50)} /${ms(result.latency[p]?.p99)}`.padStart(20));
  return `${label.padEnd(34)}${rate.padStart(11)}${String(result.serverErrors).padStart(5)}${String(result.refusals).padStart(5)}${String(failed).padStart(7)}${ms(result.apiCpuMsPerSession).padStart(16)}${cells.join("")}`;
}

/** `PASS`/`MISS` and what was measured against the goal. */
export function goal(name: string, ok: boolean, measured: string): string {
  return `${ok ? "PASS" : "MISS"}  ${name}: ${measured}`;
}

export const mib = (bytes: number): string => `${(bytes / MiB).toFixed(1)} MiB`;

/** RSS growth per 1,000 sessions between two readings `sessions` apart, in MiB. */
export const growthPer1000 = (before: number, after: number, sessions: number): number =>
  sessions === 0 ? 0 : (after - before) / MiB / (sessions / 1000);
