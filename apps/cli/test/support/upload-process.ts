import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { FileRecord } from "@hoist/contract";
import type { UploadProgress } from "@hoist/client";

/** A line upload-child.ts wrote. */
export type ChildEvent =
  | { event: "part"; partNumber: number }
  | { event: "done"; file: FileRecord; progress: UploadProgress }
  | { event: "error"; message: string };

/** A running upload-child.ts. */
export interface UploadProcess {
  /** Every event so far, in order. */
  events: ChildEvent[];
  /** Resolves with the first event (past or future) matching `test`; rejects if the child exits first. */
  waitFor<E extends ChildEvent>(test: (event: ChildEvent) => event is E): Promise<E>;
  /** SIGKILL: no chance to clean up, as when a machine loses power. Resolves once the process is gone. */
  kill(): Promise<void>;
  exited: Promise<number | null>;
}

const CHILD = fileURLToPath(new URL("./upload-child.ts", import.meta.url));
const APP_DIR = fileURLToPath(new URL("../..", import.meta.url));

/** Starts upload-child.ts under tsx with `args` (see its header); stderr is collected for failure messages. */
export function startUploadProcess(args: string[]): UploadProcess {
  const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], { cwd: APP_DIR, stdio: ["ignore", "pipe", "pipe"] });
  const events: ChildEvent[] = [];
  const waiters: (() => void)[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  createInterface({ input: child.stdout }).on("line", (line) => {
    events.push(JSON.parse(line) as ChildEvent);
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  return {
    events,
    waitFor(test) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(test);
          if (found) resolve(found);
          else waiters.push(check);
        };
        check();
        void exited.then((code) => {
          // 'close' comes after stdout ended, so every line has been seen by now.
          const found = events.find(test);
          if (found) resolve(found);
          else reject(new Error(`upload child exited (${String(code)}) first; stderr:\n${stderr}`));
        });
      });
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
    exited,
  };
}
