/**
 * Numbers for people: sizes, rates and times left. Binary units (KiB, MiB) for sizes, like the server's own
 * messages, so a limit reads the same in the picker and in a refusal; decimal MB/s for rates, like browsers and
 * network tools show them.
 */

const SIZE_UNITS = ["KiB", "MiB", "GiB", "TiB", "PiB"] as const;

/** `formatBytes(1536)` is `"1.5 KiB"`; `formatBytes(20 * 1024 ** 2)` is `"20 MiB"`; below 1 KiB, bytes. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || Math.abs(bytes) < 1024) return `${String(Math.round(bytes))} B`;
  let value = bytes;
  let unit: string = "B";
  for (const next of SIZE_UNITS) {
    if (Math.abs(value) < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${trim(value)} ${unit}`;
}

/** `formatRate(12_345_678)` is `"12.3 MB/s"`; zero or unknown rates show as `"–"`. */
export function formatRate(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return "–";
  if (bytesPerSecond >= 1e9) return `${trim(bytesPerSecond / 1e9)} GB/s`;
  if (bytesPerSecond >= 1e6) return `${trim(bytesPerSecond / 1e6)} MB/s`;
  if (bytesPerSecond >= 1e3) return `${trim(bytesPerSecond / 1e3)} kB/s`;
  return `${String(Math.round(bytesPerSecond))} B/s`;
}

/** Time left: `"12 s left"`, `"3 min left"`, `"1 h 5 min left"`; unknown as `"–"`. */
export function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "–";
  const whole = Math.ceil(seconds);
  if (whole < 60) return `${String(whole)} s left`;
  const minutes = Math.round(whole / 60);
  if (minutes < 60) return `${String(minutes)} min left`;
  return `${String(Math.floor(minutes / 60))} h ${String(minutes % 60)} min left`;
}

/** A date as the file list shows it: local date and time, short. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** One decimal under 100, none above: "1.5", "12.3", "250". */
function trim(value: number): string {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return String(rounded);
}
