import { spawn } from "node:child_process";
import type { ChildProcess, ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { run } from "../../src/index";
import type { Env } from "../../src/index";
import { Capture } from "./capture";
import { CLI_NODE_FLAGS } from "../../src/node-flags";

export { Capture, jsonLines } from "./capture";

/** apps/cli, where `tsx src/main.ts` runs from. */
export const CLI_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** What one run printed and how it ended. */
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured streams and only the env given (never the test's own HOIST_*). */
export async function runCli(args: readonly string[], opts: { env?: Env; signal?: AbortSignal; stdin?: AsyncIterable<Uint8Array> } = {}): Promise<Ran> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await run(args, { stdout, stderr, env: opts.env ?? {}, ...(opts.signal && { signal: opts.signal }), ...(opts.stdin && { stdin: opts.stdin }) });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** A temp directory for one test file. */
export async function tempDir(prefix: string): Promise<{ dir: string; file(name: string, bytes: Uint8Array): Promise<string>; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return {
    dir,
    async file(name, bytes) {
      const path = join(dir, name);
      await writeFile(path, bytes);
      return path;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export const randomFile = (size: number): Buffer => randomBytes(size);
export const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

/** `hoist` as a real process (`tsx src/main.ts`), with stdout and stderr collected as they come. */
export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout contains a line matching `test`. */
  waitForLine(test: (line: string) => boolean): Promise<string>;
  exited: Promise<number | null>;
}

/** Spawns the CLI as a child process; `env` is added to a clean environment (PATH and HOME only); `stdin`: a pipe to write to. */
export function spawnCli(args: readonly string[], env: Env = {}, opts: { stdin?: boolean } = {}): CliProcess {
  const tsx = join(CLI_DIR, "node_modules", ".bin", "tsx");
  const child = spawn(tsx, [...CLI_NODE_FLAGS, "src/main.ts", ...args], {
    cwd: CLI_DIR,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: [opts.stdin === true ? "pipe" : "ignore", "pipe", "pipe"],
  }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
  let out = "";
  let err = "";
  const waiters: { test: (line: string) => boolean; resolve: (line: string) => void }[] = [];
  // Only whole lines count: a JSON event cut in two by the pipe must not be tested half-read.
  const find = (test: (line: string) => boolean) => out.split("\n").slice(0, -1).find(test);
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters.splice(0)) {
      const hit = find(w.test);
      if (hit === undefined) waiters.push(w);
      else w.resolve(hit);
    }
  });
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.on("exit", (code) => {
      resolve(code);
    });
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitForLine: (test) =>
      new Promise((resolve, reject) => {
        const hit = find(test);
        if (hit !== undefined) {
          resolve(hit);
          return;
        }
        waiters.push({ test, resolve });
        void exited.then(() => {
          reject(new Error(`exited before the line came; stdout:\n${out}\nstderr:\n${err}`));
        });
      }),
    exited,
  };
}
