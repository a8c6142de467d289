/** Figures of a process and all its descendants, from /proc (Linux). */
import { readFile, readdir } from "node:fs/promises";

/** Clock ticks per second of /proc/<pid>/stat's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

async function treePids(pid: number): Promise<number[]> {
  const tasks = await readdir(`/proc/${pid}/task`).catch(() => []);
  const children = await Promise.all(tasks.map((t) => readFile(`/proc/${pid}/task/${t}/children`, "utf8").catch(() => "")));
  const childPids = children.join(" ").split(/\s+/).filter(Boolean).map(Number);
  const below = await Promise.all(childPids.map(treePids));
  return [pid, ...below.flat()];
}

async function sum(pid: number, of: (pid: number) => Promise<number>): Promise<number> {
  const figures = await Promise.all((await treePids(pid)).map(of));
  return figures.reduce((a, b) => a + b, 0);
}

/** VmRSS of a process and all its descendants, in bytes (0 once it has exited). */
export function treeRss(pid: number): Promise<number> {
  return sum(pid, async (one) => {
    const status = await readFile(`/proc/${one}/status`, "utf8").catch(() => "");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  });
}

/** CPU time (user + system) of a process and its live descendants so far, in milliseconds. */
export function treeCpuMs(pid: number): Promise<number> {
  return sum(pid, async (one) => {
    const stat = await readFile(`/proc/${one}/stat`, "utf8").catch(() => "");
    // Fields after the command (which may hold spaces), from field 3: utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 1000) / TICKS_PER_SECOND;
  });
}
