import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";

import type { RunAs } from "./run-as";

/** Keeps the tail of the server's log for error messages without letting the pipe fill and block it. */
const LOG_TAIL_CHARS = 4000;

/** A running postmaster, whether it has gone away, and the last lines it logged. */
export interface Postmaster {
  child: ChildProcess;
  exited: () => boolean;
  log: () => string;
}

/** Runs initdb for a throwaway cluster: trust auth, no fsync, C locale so output is stable everywhere. */
export async function initCluster(binDir: string, dataDir: string, runAs: RunAs): Promise<void> {
  const args = ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"];
  const child = spawn(join(binDir, "initdb"), args, { ...runAs, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  if (code !== 0) throw new Error(`initdb failed (exit ${code}): ${stderr}`);
}

/** Starts the postmaster on loopback only, with durability off: test data is thrown away anyway. */
export function spawnPostmaster(binDir: string, dataDir: string, port: number, runAs: RunAs): Postmaster {
  const settings = ["listen_addresses=127.0.0.1", "fsync=off", "synchronous_commit=off", "full_page_writes=off"];
  const args = ["-D", dataDir, "-k", dataDir, "-p", String(port), ...settings.flatMap((s) => ["-c", s])];
  const child = spawn(join(binDir, "postgres"), args, { ...runAs, stdio: ["ignore", "ignore", "pipe"] });
  let tail = "";
  let spawnFailed = false;
  child.stderr.on("data", (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-LOG_TAIL_CHARS)));
  // A failed spawn (EACCES, ENOENT) never exits; without this the caller would wait for it until its timeout.
  child.once("error", (err) => {
    spawnFailed = true;
    tail += String(err);
  });
  const exited = () => spawnFailed || child.exitCode !== null || child.signalCode !== null;
  return { child, exited, log: () => tail };
}

/** SIGINT is Postgres' "fast" shutdown: aborts sessions, checkpoints and exits; waits for the exit. */
export async function stopPostmaster(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGINT");
  await exited;
}
