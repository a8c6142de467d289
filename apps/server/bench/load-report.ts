/** The load bench's report: the run table, RSS per instance, the rate-limit cost and PASS/MISS per goal. */
import type { LoadResult } from "./load-plan";
import { goal, growthPer1000, mib, runHeader, runRow } from "./load-stats";

/** RSS of each instance (bytes): at start, after the first run, after the large run `sessionsBetween` later. */
export interface RssReadings {
  start: number[];
  afterSmall?: number[];
  afterLarge?: number[];
  sessionsBetween?: number;
  /** After `fullSessions` more sessions that PUT their parts and complete. */
  afterFull?: number[];
  fullSessions?: number;
}

/** A run in the table: its label, how many sessions it ran, what the generator measured. */
export type LoadRow = [label: string, sessions: number, result: LoadResult];

interface LoadReport {
  rows: LoadRow[];
  rss: RssReadings;
  sessions: number;
  concurrency: number;
}

function reportRss(rss: RssReadings, sessions: number): string[] {
  const lines = rss.start.map((start, i) => {
    const small = rss.afterSmall?.[i];
    const large = rss.afterLarge?.[i];
    const steady = small !== undefined && large !== undefined ? growthPer1000(small, large, rss.sessionsBetween ?? 0) : undefined;
    const total = sessions + (rss.sessionsBetween ?? 0);
    const fromStart = large !== undefined ? growthPer1000(start, large, total) : small !== undefined ? growthPer1000(start, small, sessions) : undefined;
    const full = rss.afterFull?.[i];
    const cells = [`start ${mib(start)}`, `after ${String(sessions)} ${small === undefined ? "-" : mib(small)}`, `after ${String(total)} ${large === undefined ? "-" : mib(large)}`];
    if (full !== undefined) cells.push(`after ${String(rss.fullSessions ?? 0)} full more ${mib(full)}`);
    const slope = `growth per 1,000 sessions: steady ${steady === undefined ? "-" : steady.toFixed(2)} MiB, from start ${fromStart === undefined ? "-" : fromStart.toFixed(2)} MiB`;
    return { text: `instance ${String(i + 1)}: ${cells.join(", ")}; ${slope}`, steady };
  });
  const steady = lines.map((line) => line.steady).filter((s) => s !== undefined);
  const worst = steady.length === 0 ? undefined : Math.max(...steady);
  return [
    ...lines.map((line) => line.text),
    worst === undefined ? "n/a   RSS growth: no large run" : goal("RSS growth per 1,000 sessions <= 5 MiB (steady)", worst <= 5, `${worst.toFixed(2)} MiB`),
  ];
}

function reportRateLimit(rows: LoadRow[]): string | undefined {
  const off = rows.find(([label]) => label.endsWith("rate limit off"))?.[2];
  const on = rows.find(([label]) => label.endsWith("rate limit on"))?.[2];
  if (off === undefined || on === undefined) return undefined;
  const ratio = (a?: number, b?: number) => (a !== undefined && b !== undefined && b > 0 ? (a / b).toFixed(2) : "-");
  const sign = (r: LoadResult) => r.latency.signParts;
  return (
    `rate limit on / off: signParts p50 x${ratio(sign(on)?.p50, sign(off)?.p50)}, p99 x${ratio(sign(on)?.p99, sign(off)?.p99)}, ` +
    `sessions/s x${ratio(on.completed / on.seconds, off.completed / off.seconds)}`
  );
}

/**
 * Little's law for a closed loop: C calls always in flight, so the mean call takes C / (calls per second). The most
 * calls per second 2 cores can give is 2,000 ms over the CPU one call costs the instances and the generator together
 * (Postgres and the store not even counted): a floor under the mean call at C, whatever the queueing.
 */
function cpuFloor([label, sessions, r]: LoadRow, concurrency: number): string {
  const perCall = ((r.apiCpuMsPerSession ?? 0) * sessions + r.generatorCpuMs) / r.calls;
  const rate = r.calls / r.seconds;
  return (
    `  ${label}: ${rate.toFixed(0)} calls/s, mean call ${((1000 * concurrency) / rate).toFixed(0)} ms; CPU per call ${perCall.toFixed(2)} ms ` +
    `(instances ${(((r.apiCpuMsPerSession ?? 0) * sessions) / r.calls).toFixed(2)}, generator ${(r.generatorCpuMs / r.calls).toFixed(2)}` +
    `${r.latency.put === undefined ? "" : ", its PUTs included"}): ` +
    `on 2 cores at most ${(2000 / perCall).toFixed(0)} calls/s, so the mean call at c${String(concurrency)} is >= ${((concurrency * perCall) / 2).toFixed(0)} ms`
  );
}

/** Prints the table and goal lines. */
export function reportLoad(report: LoadReport): void {
  console.log(runHeader());
  for (const [label, sessions, result] of report.rows) console.log(runRow(label, sessions, result));
  const failures = report.rows.filter(([, , r]) => Object.keys(r.failures).length > 0);
  for (const [label, , r] of failures) console.log(`  ${label} failures: ${JSON.stringify(r.failures)}`);
  const at = ` c${String(report.concurrency)}`;
  console.log("closed loop (Little's law) and the CPU floor on this machine:");
  for (const row of report.rows.filter(([label]) => label.includes(at) && !label.endsWith("off"))) console.log(cpuFloor(row, report.concurrency));
  const rateLimit = reportRateLimit(report.rows);
  if (rateLimit !== undefined) console.log(rateLimit);
  for (const line of reportRss(report.rss, report.sessions)) console.log(line);
  const serverErrors = report.rows.reduce((sum, [, , r]) => sum + r.serverErrors, 0);
  const refusals = report.rows.reduce((sum, [, , r]) => sum + r.refusals, 0);
  console.log(goal("0 5xx", serverErrors === 0, `${String(serverErrors)} 5xx, ${String(refusals)} rate-limit refusals (429)`));
  const worstP99 = (kind: string) => {
    const runs = report.rows.filter(([label]) => label.startsWith(kind) && label.includes(at) && !label.endsWith("off"));
    return runs.length === 0 ? undefined : Math.max(...runs.map(([, , r]) => r.latency.signParts?.p99 ?? Infinity));
  };
  for (const kind of ["api", "windows", "full"]) {
    const p99 = worstP99(kind);
    const name = `p99 signParts <= 50 ms at concurrency ${String(report.concurrency)}, worst ${kind} run`;
    if (p99 !== undefined) console.log(goal(name, p99 <= 50, `${p99.toFixed(1)} ms`));
  }
}
