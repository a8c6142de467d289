import { execFileSync, spawnSync } from "node:child_process";
import { join } from "node:path";
import { CLI_NODE_FLAGS } from "../src/node-flags";
import { verdict } from "./format";

const cliDir = join(import.meta.dirname, "..");
const STARTS = 20;
/** The goal for `hoist --help` as installed (the bundled executable). */
const GOAL_MS = 200;

/** Median wall time, in ms, of `STARTS` runs of a command to its exit (one warm-up run first, not counted). */
function medianStart(command: string, args: readonly string[]): number {
  const times: number[] = [];
  for (let i = 0; i <= STARTS; i++) {
    const started = performance.now();
    const result = spawnSync(command, args, { cwd: cliDir, stdio: ["ignore", "pipe", "pipe"] });
    if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${String(result.status)}: ${String(result.stderr)}`);
    if (i > 0) times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return ((times[(STARTS - 1) >> 1] ?? 0) + (times[STARTS >> 1] ?? 0)) / 2;
}

/**
 * `hoist --help` start-up: the bundled executable the tarball installs (`dist/hoist.js` run through its shebang,
 * as `npm i -g` links it) against the source through tsx as `pnpm hoist` runs it (without pnpm's own start).
 */
export function runStartUp(): void {
  execFileSync("pnpm", ["build:package"], { cwd: cliDir, stdio: "ignore" });
  const bundled = medianStart(join(cliDir, "dist", "hoist.js"), ["--help"]);
  const tsx = medianStart(join(cliDir, "node_modules", ".bin", "tsx"), [...CLI_NODE_FLAGS, "src/main.ts", "--help"]);
  // The floor on this machine at this moment: node starting and exiting with nothing to run.
  const node = medianStart(process.execPath, ["-e", ""]);
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  console.log(`hoist --help, median of ${STARTS} starts: bundled ${ms(bundled)}, tsx ${ms(tsx)} (${(tsx / bundled).toFixed(1)}x); empty node ${ms(node)}`);
  console.log(`goal: bundled under ${GOAL_MS} ms: ${verdict(bundled < GOAL_MS)}`);
}
