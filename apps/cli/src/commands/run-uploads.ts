import { basename } from "node:path";
import type { ChecksumMode } from "@hoist/contract/core";
import type { Connection } from "../config";
import { createApi } from "../api";
import { createNodeUploader, fileResumeStore, fromPath, fromUnsizedStream, isUnsized } from "../engine";
import type { UploadHandle, UploadSource } from "../engine";
import { EXIT, worstExit } from "../exit-codes";
import type { ExitCode } from "../exit-codes";
import { CliError } from "../cli-error";
import { explainError } from "../explain-error";
import type { CliIo } from "../io";
import { createReporter } from "../output/create-reporter";
import type { FileInfo, Reporter } from "../output/reporter";
import type { StdinJob } from "./stdin-job";

/** One file to upload. */
export interface UploadJob {
  path: string;
  route?: string;
  type?: string;
  /** The session to continue (`hoist resume` names it); else the engine finds it by the file's fingerprint. */
  resumeUploadId?: string;
  /** `path` is `-`: this stream instead of a file. */
  stdin?: StdinJob;
}

/** How a batch of uploads runs. */
export interface RunOptions {
  conn: Connection;
  resumeDir: string;
  concurrency: number;
  checksum?: ChecksumMode;
  json: boolean;
  debug: boolean;
}

type Outcome = { kind: "done" } | { kind: "paused" } | { kind: "failed"; exitCode: ExitCode };

export const PAUSED_HINT = "paused — run `hoist resume` (or the same upload command) to continue";
/** Stdin cannot be read again, so a stopped stream upload is aborted rather than paused. */
export const STREAM_STOPPED = "stopped — stdin cannot be read again, so its upload was aborted";

interface Shared {
  uploader: ReturnType<typeof createNodeUploader>;
  reporter: Reporter;
  signal: AbortSignal;
  opts: RunOptions;
  io: CliIo;
}

type Source = UploadSource;

function failed(error: unknown, info: FileInfo, uploadId: string | undefined, shared: Shared): Outcome {
  const explained = explainError(error);
  shared.reporter.error(info, uploadId, explained);
  if (shared.opts.debug && error instanceof Error) shared.io.stderr.write(`${error.stack ?? error.message}\n`);
  // For uploads only refused credentials get their own code; anything else is "an upload failed".
  return { kind: "failed", exitCode: explained.exitCode === EXIT.AUTH ? EXIT.AUTH : EXIT.FAILED };
}

async function watch(job: UploadJob, source: Source, info: FileInfo, shared: Shared): Promise<Outcome> {
  const { reporter, signal } = shared;
  // The engine may report progress before `upload()` returns, so callbacks read the handle through a holder.
  const ref: { handle?: UploadHandle } = {};
  let started = false;
  let settled = false;
  // `start` waits for the first sign of life so that it can carry the uploadId `upload.create` answered with.
  const ensureStarted = () => {
    if (!started) reporter.start(info, ref.handle?.uploadId);
    started = true;
  };
  const handle = shared.uploader.upload(source, {
    ...(job.route && { route: job.route }),
    ...(shared.opts.checksum && { checksum: shared.opts.checksum }),
    ...(job.resumeUploadId && { resumeUploadId: job.resumeUploadId }),
    signal,
    onProgress: (p) => {
      // A throttled report may still arrive after `done` settled; the file's last event must stay its last.
      if (settled) return;
      ensureStarted();
      reporter.progress(info, ref.handle?.uploadId, p);
    },
  });
  ref.handle = handle;
  try {
    const record = await handle.done;
    settled = true;
    ensureStarted();
    reporter.done(info, handle.uploadId, record, handle.progress());
    return { kind: "done" };
  } catch (error) {
    settled = true;
    ensureStarted();
    // A stream cannot be read again: however it stopped, its session goes now rather than wait to expire.
    if (isUnsized(source)) {
      await handle.cancel();
      return failed(signal.aborted ? new CliError(STREAM_STOPPED, EXIT.FAILED) : error, info, handle.uploadId, shared);
    }
    if (!signal.aborted) return failed(error, info, handle.uploadId, shared);
    reporter.paused(info, handle.uploadId, handle.progress());
    return { kind: "paused" };
  }
}

async function uploadOne(job: UploadJob, shared: Shared): Promise<Outcome> {
  if (shared.signal.aborted) return { kind: "paused" };
  if (job.stdin) {
    const source = fromUnsizedStream(job.stdin.stream, job.stdin);
    return watch(job, source, { file: job.path, name: source.name, size: 0, maxSize: source.maxSize }, shared);
  }
  let source: Source;
  try {
    source = await fromPath(job.path, job.type ? { type: job.type } : {});
  } catch (error) {
    return failed(error, { file: job.path, name: basename(job.path), size: 0 }, undefined, shared);
  }
  return watch(job, source, { file: job.path, name: source.name, size: source.size }, shared);
}

/** Runs `work` over `items` with at most `limit` at a time, in order of start. */
async function pool<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Uploads `jobs` through one engine (its concurrency bounds parts in flight across all files), reporting as
 * `opts.json` and the terminal say. When `io.signal` aborts (Ctrl-C), in-flight parts stop, resume records stay,
 * and the run ends with 130. Otherwise: 0, 3 when the server refused the credentials, else 1 if any file failed.
 */
export async function runUploads(jobs: readonly UploadJob[], opts: RunOptions, io: CliIo): Promise<ExitCode> {
  // Without a Ctrl-C signal (in-process callers) the run simply cannot be interrupted.
  const signal = io.signal ?? new AbortController().signal;
  const uploader = createNodeUploader({
    trpc: createApi(opts.conn),
    concurrency: opts.concurrency,
    resumeStore: fileResumeStore(opts.resumeDir),
    ...(opts.checksum && { checksum: opts.checksum }),
  });
  const reporter = createReporter(io, opts.json);
  const shared: Shared = { uploader, reporter, signal, opts, io };
  // Files in flight are bounded too: sessions opened far ahead of their turn would only sit and expire.
  const outcomes = await pool(jobs, opts.concurrency, (job) => uploadOne(job, shared));
  reporter.stop();
  if (signal.aborted) {
    io.stderr.write(`${jobs.some((job) => job.stdin) ? STREAM_STOPPED : PAUSED_HINT}\n`);
    return EXIT.INTERRUPTED;
  }
  return outcomes.reduce<ExitCode>((exit, o) => (o.kind === "failed" ? worstExit(exit, o.exitCode) : exit), EXIT.OK);
}
