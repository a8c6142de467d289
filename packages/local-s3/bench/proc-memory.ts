import { readFileSync } from "node:fs";

/** Reads a `/proc/<pid>/status` field in kB (VmRSS, VmHWM), as MiB. */
export function procMiB(pid: number, field: "VmRSS" | "VmHWM"): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
  return kb === undefined ? 0 : Number(kb) / 1024;
}

/** Samples a process's RSS every `everyMs` until stopped; returns the highest sample. */
export function sampleRss(pid: number, everyMs: number): { stop: () => number } {
  let peak = 0;
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, procMiB(pid, "VmRSS"));
    } catch {
      // the process exited between samples; the last value stands
    }
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}
