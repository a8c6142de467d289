/** A stream the CLI writes to: a terminal, a pipe, or a test's capture. */
export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Environment variables as the CLI sees them (never `process.env` directly outside config.ts). */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Everything a run touches outside its arguments, so tests can run the CLI in-process and capture it.
 * `signal` stands for Ctrl-C: when it aborts, uploads pause and the run ends with exit code 130.
 */
export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  env: Env;
  signal?: AbortSignal;
  /** What `hoist upload -` reads (the process's stdin; a test's stream in-process). */
  stdin?: AsyncIterable<Uint8Array>;
}
