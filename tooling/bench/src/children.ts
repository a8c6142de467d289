import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";

/** `process.cpuUsage()` of a child, in microseconds. */
export interface CpuTime {
  user: number;
  system: number;
}

/** A benchmark process (JSON over IPC), so its CPU time and memory are its own, not the driver's. */
export interface BenchChild {
  /** The first message the child sent (what it listens on, tokens, figures...). */
  ready: Record<string, unknown>;
  /** Waits for the child's next message. */
  next(): Promise<Record<string, unknown>>;
  /** The child's CPU time so far. */
  cpu(): Promise<CpuTime>;
  stop(): Promise<void>;
}

function nextMessage(child: ChildProcess): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => {
      reject(new Error(`bench child exited with ${String(code)}`));
    };
    child.once("message", (m) => {
      child.off("exit", onExit);
      resolve(m as Record<string, unknown>);
    });
    child.once("exit", onExit);
  });
}

/**
 * Forks `script` with `args`: a TypeScript module (a URL, e.g. `new URL("./s3-child.ts", import.meta.url)`, run
 * through tsx), or the path of a bundle (`.mjs`, run by plain node, then with BENCH_CHILD_NODE_OPTIONS), each with
 * `nodeFlags`. Resolves once the child sent its first message.
 */
export async function startChild(script: URL | string, args: string[], nodeFlags: readonly string[] = []): Promise<BenchChild> {
  const bundled = typeof script === "string" && script.endsWith(".mjs");
  const extra = bundled ? (process.env.BENCH_CHILD_NODE_OPTIONS ?? "").split(" ").filter(Boolean) : [];
  const child = fork(script, args, {
    execArgv: [...(bundled ? [] : ["--import", "tsx"]), ...nodeFlags, ...extra],
    stdio: "inherit",
  });
  const ready = await nextMessage(child);
  return {
    ready,
    next: () => nextMessage(child),
    async cpu() {
      const reply = nextMessage(child);
      child.send("cpu");
      return (await reply) as unknown as CpuTime;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("stop");
      await exited;
    },
  };
}

/** The child side: announce `ready`, answer "cpu" with this process's CPU time, run `close` and exit on "stop". */
export function serveChild(ready: Record<string, unknown>, close: () => Promise<void>): void {
  process.send?.(ready);
  process.on("message", (m) => {
    if (m === "cpu") process.send?.(process.cpuUsage());
    if (m === "stop") void close().then(() => process.exit(0));
  });
}

/** A string field of a child's message, or a clear error naming it. */
export function field(message: Record<string, unknown>, name: string): string {
  const value = message[name];
  if (typeof value !== "string") throw new Error(`bench child: no ${name} in ${JSON.stringify(message)}`);
  return value;
}
