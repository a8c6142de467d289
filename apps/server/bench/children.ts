import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";

/** HS256 secret shared by the bench driver and the API child. */
export const BENCH_SECRET = "bench-jwt-secret-0123456789abcdefghij";

/** A benchmark process: tsx-loaded, talking JSON over IPC, so its CPU time is measured apart from the driver's. */
export interface BenchChild {
  ready: Record<string, string>;
  /** The child's `process.cpuUsage()` in microseconds. */
  cpu(): Promise<{ user: number; system: number }>;
  stop(): Promise<void>;
}

function nextMessage(child: ChildProcess): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    child.once("message", (m) => {
      resolve(m as Record<string, unknown>);
    });
    child.once("exit", (code) => {
      reject(new Error(`bench child exited with ${String(code)}`));
    });
  });
}

/** Forks `script` with `args`; resolves once it sends its first message (what it is listening on). */
export async function startChild(script: string, args: string[]): Promise<BenchChild> {
  const child = fork(new URL(script, import.meta.url), args, { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const ready = (await nextMessage(child)) as Record<string, string>;
  return {
    ready,
    async cpu() {
      const reply = nextMessage(child);
      child.send("cpu");
      return (await reply) as { user: number; system: number };
    },
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("stop");
      await exited;
    },
  };
}

/** The child side: answer "cpu" with this process's CPU time and run `close` on "stop". */
export function serveChild(ready: Record<string, string>, close: () => Promise<void>): void {
  process.send?.(ready);
  process.on("message", (m) => {
    if (m === "cpu") process.send?.(process.cpuUsage());
    if (m === "stop") void close().then(() => process.exit(0));
  });
}
