/**
 * CPU time by process group over one run, from /proc (Linux): where a contender's cycles go when the store, the
 * API and the browser share the machine's cores. Groups: Node (the Hoist server with its store, and this bench),
 * Chromium's browser process, its renderers (page and Web Workers are threads there) and its other helpers.
 */
import { readdirSync, readFileSync } from "node:fs";

export type CpuGroup = "node" | "browser" | "renderer" | "helpers";
export type CpuSnapshot = Map<CpuGroup, number>;

const TICKS_PER_SECOND = 100;

function groupOf(cmdline: string): CpuGroup | undefined {
  const program = cmdline.split(/[\0 ]/)[0] ?? "";
  if (program.endsWith("node")) return "node";
  if (!/chrom/.test(program)) return undefined;
  if (cmdline.includes("--type=renderer")) return "renderer";
  return cmdline.includes("--type=") ? "helpers" : "browser";
}

/** CPU seconds (user + system) used so far by each group's live processes. */
export function cpuSnapshot(): CpuSnapshot {
  const totals: CpuSnapshot = new Map();
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const group = groupOf(readFileSync(`/proc/${pid}/cmdline`, "utf8"));
      if (group === undefined) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const seconds = (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
      totals.set(group, (totals.get(group) ?? 0) + seconds);
    } catch {
      // the process ended between listing and reading
    }
  }
  return totals;
}

/** CPU seconds each group used between two snapshots. */
export function cpuUsed(before: CpuSnapshot, after: CpuSnapshot): CpuSnapshot {
  const used: CpuSnapshot = new Map();
  for (const [group, seconds] of after) used.set(group, Math.max(0, seconds - (before.get(group) ?? 0)));
  return used;
}

/** "node 8.1 + browser 2.4 + renderer 0.3 + helpers 1.3 = 12.1 CPU-s" */
export function formatCpu(used: CpuSnapshot, per = 1): string {
  const groups: CpuGroup[] = ["node", "browser", "renderer", "helpers"];
  const total = groups.reduce((sum, group) => sum + (used.get(group) ?? 0), 0);
  return `${groups.map((group) => `${group} ${((used.get(group) ?? 0) / per).toFixed(1)}`).join(" + ")} = ${(total / per).toFixed(1)} CPU-s`;
}
