import { formatSize } from "@hoist/contract/core";

/** Bytes for people, binary units with one decimal: `1.5 MiB`. The contract's formatter, so messages agree. */
export const formatBytes = formatSize;

/** A transfer rate: `12.3 MiB/s`; `-` before the engine knows one. */
export function formatRate(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return "-";
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/** Seconds left as `1h02m`, `3m05s` or `42s`; `-` when unknown. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "-";
  const s = Math.ceil(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m${String(rest).padStart(2, "0")}s`;
  return `${rest}s`;
}

/** Elapsed milliseconds as seconds with one decimal: `3.2s`. */
export function formatDuration(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

/** An ISO date as `2025-01-31 12:34:56` (UTC, as the server stores it), short enough for a table. */
export function formatDate(iso: string): string {
  return iso.replace("T", " ").replace(/\.\d+Z$|Z$/, "");
}

/** Whole percent, never 100 before the last byte is confirmed. */
export function formatPercent(done: number, total: number): string {
  if (total === 0) return done === 0 ? "0%" : "100%";
  const pct = Math.floor((done / total) * 100);
  return `${Math.min(pct, done >= total ? 100 : 99)}%`;
}
