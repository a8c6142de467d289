import type { ChecksumMode, CompletedPart, FileRecord } from "@hoist/contract";
import { partRange, planOfSession } from "@hoist/contract/core";
import type { ApiGate } from "./api-gate";
import { Crc64Parts } from "./crc64-parts";
import { cancelled, toUploadError } from "./errors";
import { findSession, resumeParts, type OpenedSession } from "./open-session";
import { partUrls } from "./part-urls";
import { ProgressMeter, throttle } from "./progress";
import type { RetryPolicy } from "./retry";
import { RunControl } from "./run-control";
import type { Scheduler } from "./scheduler";
import { sendParts } from "./send-parts";
import type { SessionApi } from "./session-api";
import { isUnsized } from "./stream-source";
import type { ApiRetryOptions, HoistTrpc, ResumeStore, Transport, UploadHandle, UploadOptions, UploadProgress, UploadSource } from "./types";

/** What every upload of one uploader shares. */
export interface RunDeps {
  trpc: HoistTrpc;
  /** Every API call of every upload passes it: a rate-limit refusal slows them all down together. */
  gate: ApiGate;
  apiRetry?: ApiRetryOptions | undefined;
  scheduler: Scheduler;
  transport: Transport;
  policy: RetryPolicy;
  signWindow: number;
  checksum: ChecksumMode;
  /** crc64nvme: parts up to this size are held in memory once; see `UploaderOptions.partMemoryBudget`. */
  partMemoryBudget?: number | undefined;
  resumeStore?: ResumeStore;
}

let lanes = 0;

/** The state of one upload, shared by its lifecycle and its handle. */
class UploadRun {
  readonly control = new RunControl();
  readonly lane = `upload-${++lanes}`;
  /** The session, as soon as it is known: a cancel aborts it, even while its create or resume is in flight. */
  session: SessionApi | undefined;
  meter = new ProgressMeter(0, 0);
  fingerprint: string | undefined;
  /** Set once `run()` returned the file: `cancel()` then leaves it alone. */
  completed = false;
  /** Every part's CRC64NVME, for a crc64nvme session: the whole file's value at complete. */
  crc64: Crc64Parts | undefined;
  private readonly emitter;

  constructor(readonly deps: RunDeps, readonly source: UploadSource, readonly options: UploadOptions) {
    this.emitter = throttle(() => options.onProgress?.(this.snapshot()));
  }

  snapshot(): UploadProgress {
    const { source } = this;
    return { ...this.meter.snapshot(), ...(isUnsized(source) && { buffersPeak: source.peakBuffers }) };
  }

  get uploadId(): string | undefined {
    return this.session?.uploadId;
  }

  progress = () => {
    this.emitter.call();
  };

  finalProgress(): void {
    this.emitter.flush();
  }

  async run(): Promise<FileRecord> {
    const opened = await this.open();
    this.throwIfStopped();
    const parts = opened.finished ? undefined : await this.send(opened);
    this.throwIfStopped();
    // The run's one `complete`: a finished session sends no parts and gets its file back.
    const checksum = parts && this.crc64?.whole(parts.map((part) => part.partNumber));
    const file = await opened.api.complete(opened.session.strategy === "multipart" ? parts : undefined, checksum);
    if (opened.fingerprint !== undefined) await this.deps.resumeStore?.delete(opened.fingerprint);
    return file;
  }

  private throwIfStopped(): void {
    const stopped = this.control.stopped;
    if (stopped) throw stopped;
  }

  /** The session to send to, adopted as soon as it is found so a cancel can abort it. */
  private async open(): Promise<OpenedSession> {
    const deps = { ...this.deps, signal: this.control.stopSignal };
    const found = this.adopt(await findSession(deps, this.source, this.options));
    const opened = await resumeParts(found, this.source);
    return opened ?? this.adopt(await findSession(deps, this.source, this.options, false));
  }

  private adopt(opened: OpenedSession): OpenedSession {
    this.session = opened.api;
    this.fingerprint = opened.fingerprint;
    return opened;
  }

  private async send(opened: OpenedSession): Promise<CompletedPart[]> {
    const { session, resumed, api } = opened;
    const plan = planOfSession(session);
    this.meter = new ProgressMeter(session.size, session.partCount);
    if (isUnsized(this.source)) this.meter.sizeNotKnown();
    for (const part of resumed) this.meter.confirmPart(partRange(plan, part.partNumber).size, true);
    this.progress();
    const have = new Set(resumed.map((part) => part.partNumber));
    const order = Array.from({ length: session.partCount }, (_, i) => i + 1).filter((n) => !have.has(n));
    const { deps, source, control } = this;
    const crc64 = session.checksum === "crc64nvme" ? new Crc64Parts(source, deps.partMemoryBudget) : undefined;
    this.crc64 = crc64;
    const urls = partUrls({
      signParts: api.signParts, plan, source, checksum: session.checksum, order, window: deps.signWindow,
      concurrency: deps.scheduler.concurrency, ...(opened.single && { single: opened.single }), ...(crc64 && { crc64 }),
      signal: control.stopSignal,
    });
    const ctx = {
      lane: this.lane, uploadId: session.uploadId, plan, source, transport: deps.transport, scheduler: deps.scheduler,
      urls, policy: deps.policy, meter: this.meter, control, onProgress: this.progress,
    };
    const sent = await sendParts(ctx, order, deps.scheduler.concurrency);
    await crc64?.sumStored(plan, resumed.map((part) => part.partNumber));
    return [...resumed, ...sent].sort((a, b) => a.partNumber - b.partNumber);
  }
}

/**
 * Starts one upload and returns its handle. `cancel()` aborts the session on the server and forgets it; the
 * caller's `signal` stops the upload the same way but keeps the session resumable (Ctrl-C in a CLI).
 */
export function startUpload(deps: RunDeps, source: UploadSource, options: UploadOptions): UploadHandle {
  const run = new UploadRun(deps, source, options);
  const unwatch = stopOnSignal(run, options.signal);
  const done = settle(run).finally(() => {
    unwatch();
    void source.close?.();
  });
  done.catch(() => undefined); // callers that never await `done` must not see an unhandled rejection
  return handleOf(run, done);
}

/** Stops the run (resumable) when the caller's signal aborts; returns the detach. */
function stopOnSignal(run: UploadRun, signal: AbortSignal | undefined): () => void {
  const onSignal = () => {
    run.control.stop(cancelled(run.uploadId, "the upload was stopped by its signal; it can be resumed"));
  };
  if (signal?.aborted) onSignal();
  signal?.addEventListener("abort", onSignal, { once: true });
  return () => {
    signal?.removeEventListener("abort", onSignal);
  };
}

/** The run's file, or why it failed as an `UploadError` carrying the upload id (`CANCELLED` once stopped). */
function settle(run: UploadRun): Promise<FileRecord> {
  return run
    .run()
    .then((file) => {
      run.completed = true;
      run.finalProgress();
      return file;
    })
    .catch((error: unknown) => {
      const stopped = run.control.stopped;
      throw stopped ? cancelledWithId(stopped, run.uploadId) : toUploadError(error, run.uploadId);
    });
}

function handleOf(run: UploadRun, done: Promise<FileRecord>): UploadHandle {
  const { control } = run;
  return {
    get uploadId() {
      return run.uploadId;
    },
    done,
    pause: () => {
      control.pause();
    },
    resume: () => {
      control.resume();
    },
    cancel: () => cancelRun(run, done),
    progress: () => run.snapshot(),
  };
}

/** Stops the run, then aborts its session and forgets its resume record, unless it completed meanwhile. */
async function cancelRun(run: UploadRun, done: Promise<FileRecord>): Promise<void> {
  if (run.completed) return;
  run.control.stop(cancelled(run.uploadId));
  const recorded = await done.then(() => true, () => false);
  if (recorded) return; // it completed while stopping: the file stays
  await run.session?.abort().catch(() => undefined);
  if (run.fingerprint !== undefined) await run.deps.resumeStore?.delete(run.fingerprint);
}

function cancelledWithId(reason: Error, uploadId: string | undefined) {
  return cancelled(uploadId, reason.message);
}
