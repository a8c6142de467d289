import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const serverDir = fileURLToPath(new URL("../..", import.meta.url));

/**
 * How the entry runs: `bundle` is `pnpm start`'s (`node dist/main.js`, built by `pnpm --filter @hoist/server
 * build`), `tsx` is `pnpm dev`'s (`src/main.ts` compiled on the fly, by tsx's loader inside the one node process:
 * the `tsx` command would run the server in a child of its own, which a test's SIGKILL would leave running).
 */
export type MainRunner = "bundle" | "tsx";

/**
 * `node`'s arguments in the package's `start` script (its flags and `dist/main.js`), so both run it alike;
 * `entry` (another file `build.ts` bundled into `dist/`) replaces `dist/main.js`.
 */
function startArgs(entry?: string): string[] {
  const manifest = JSON.parse(readFileSync(join(serverDir, "package.json"), "utf8")) as { scripts: { start: string } };
  const [node, ...args] = manifest.scripts.start.split(/\s+/);
  if (node !== "node") throw new Error(`the start script should run node, not ${String(node)}`);
  return entry === undefined ? args : [...args.slice(0, -1), entry];
}

/** The server's entry (`pnpm start`'s or `pnpm dev`'s) as a child process. */
export interface MainProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves with the output once `pattern` appears; rejects if the process exits first. */
  waitFor: (pattern: RegExp) => Promise<string>;
  /** SIGINT (as Ctrl-C), then waits for the exit. */
  stop: () => Promise<number | null>;
}

/**
 * Starts the server as `pnpm start` (or `pnpm dev`) runs it, with only `env` (and PATH) set: what a fresh clone with no
 * configuration does. `HOIST_PORT: "0"` picks a free port; the printed URLs name it. `bundleEntry` (runner
 * `bundle` only): another bundled entry, e.g. `dist/load-server.js`, run with the start script's flags.
 */
export function startMainProcess(env: Record<string, string>, runner: MainRunner = "tsx", bundleEntry?: string): MainProcess {
  const args = runner === "bundle" ? startArgs(bundleEntry) : ["--import", "tsx", "src/main.ts"];
  const child = spawn(process.execPath, args, {
    cwd: serverDir,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return {
    child,
    output: () => output,
    exited,
    waitFor: async (pattern) => {
      while (!pattern.test(output)) {
        const code = await Promise.race([exited, new Promise((r) => setTimeout(r, 100, "waiting"))]);
        if (code !== "waiting") throw new Error(`exited with ${String(code)} before ${String(pattern)}:\n${output}`);
      }
      return output;
    },
    stop: () => {
      child.kill("SIGINT");
      return exited;
    },
  };
}
