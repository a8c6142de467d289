import { fork } from "node:child_process";
import type { ChildProcess } from "node:child_process";

/** A benchmark process (tsx-loaded, JSON over IPC), so its CPU and memory are its own, not the driver's. */
export interface BenchChild {
  /** The first message the child sent (what it listens on, tokens...). */
  ready: Record<string, unknown>;
  /** Waits for the child's next message. */
  next(): Promise<Record<string, unknown>>;
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
 * Forks `script` (relative to this folder, run through tsx; or an absolute path to a bundle, run by plain node)
 * with `args` and `nodeFlags` (then, for bundles, BENCH_CHILD_NODE_OPTIONS); resolves once it sent its first message.
 */
export async function startChild(script: string, args: string[], nodeFlags: readonly string[] = []): Promise<BenchChild> {
  const bundled = script.endsWith(".mjs");
  const extra = bundled ? (process.env.BENCH_CHILD_NODE_OPTIONS ?? "").split(" ").filter(Boolean) : [];
  const child = fork(bundled ? script : new URL(script, import.meta.url), args, {
    execArgv: [...(bundled ? [] : ["--import", "tsx"]), ...nodeFlags, ...extra],
    stdio: "inherit",
  });
  const ready = await nextMessage(child);
  return {
    ready,
    next: () => nextMessage(child),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.send("stop");
      await exited;
    },
  };
}

/** The child side: announce `ready`, then run `close` and exit on "stop". */
export function serveChild(ready: Record<string, unknown>, close: () => Promise<void>): void {
  process.send?.(ready);
  process.on("message", (m) => {
    if (m === "stop") void close().then(() => process.exit(0));
  });
}

/** A string field of a child's message, or a clear error naming it. */
export function field(message: Record<string, unknown>, name: string): string {
  const value = message[name];
  if (typeof value !== "string") throw new Error(`bench child: no ${name} in ${JSON.stringify(message)}`);
  return value;
}
