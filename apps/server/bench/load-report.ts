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
 * Little's law for the closed loop: C sessions always in flight, 3 calls each, so the mean call takes C / (3 x
 * sessions/s). Says what throughput (and API CPU per session, were both cores the API's) a 50 ms call would need.
 */
function closedLoop(rows: LoadRow[], concurrency: number): string | undefined {
  const row = rows.find(([label]) => label === `api ${String(rows[0]?.[1] ?? 0)} c${String(concurrency)}`)?.[2];
  if (row === undefined) return undefined;
  const rate = row.completed / row.seconds;
  const needed = concurrency / (3 * 0.05);
  return (
    `closed loop at c${String(concurrency)}: mean call ${((1000 * concurrency) / (3 * rate)).toFixed(0)} ms at ${rate.toFixed(1)} sessions/s; ` +
    `a 50 ms mean call needs ${needed.toFixed(0)} sessions/s, <= ${((2 * 1000) / needed).toFixed(1)} ms API CPU per session on 2 cores`
  );
}

/** Prints the table and goal lines. */
export function reportLoad(report: LoadReport): void {
  console.log(runHeader());
  for (const [label, sessions, result] of report.rows) console.log(runRow(label, sessions, result));
  const failures = report.rows.filter(([, , r]) => Object.keys(r.failures).length > 0);
  for (const [label, , r] of failures) console.log(`  ${label} failures: ${JSON.stringify(r.failures)}`);
  const loop = closedLoop(report.rows, report.concurrency);
  if (loop !== undefined) console.log(loop);
  const rateLimit = reportRateLimit(report.rows);
  if (rateLimit !== undefined) console.log(rateLimit);
  for (const line of reportRss(report.rss, report.sessions)) console.log(line);
  const serverErrors = report.rows.reduce((sum, [, , r]) => sum + r.serverErrors, 0);
  const refusals = report.rows.reduce((sum, [, , r]) => sum + r.refusals, 0);
  console.log(goal("0 5xx", serverErrors === 0, `${String(serverErrors)} 5xx, ${String(refusals)} rate-limit refusals (429)`));
  const at = ` c${String(report.concurrency)}`;
  const worstP99 = (kind: string) => {
    const runs = report.rows.filter(([label]) => label.startsWith(kind) && label.includes(at) && !label.endsWith("off"));
    return runs.length === 0 ? undefined : Math.max(...runs.map(([, , r]) => r.latency.signParts?.p99 ?? Infinity));
  };
  for (const kind of ["api", "full"]) {
    const p99 = worstP99(kind);
    const name = `p99 signParts <= 50 ms at concurrency ${String(report.concurrency)}, worst ${kind} run`;
    if (p99 !== undefined) console.log(goal(name, p99 <= 50, `${p99.toFixed(1)} ms`));
  }
}
