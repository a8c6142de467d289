import { partRange } from "@hoist/contract/core";
import type { CompletedPart, PartPlan, PartRange } from "@hoist/contract";
import { damagedInFlight } from "./damaged-in-flight";
import { UploadError, isUploadError } from "./errors";
import type { ProgressMeter } from "./progress";
import { backoffDelay, sleep, verdictOf } from "./retry";
import type { RetryPolicy } from "./retry";
import type { RunControl } from "./run-control";
import type { Release, Scheduler } from "./scheduler";
import type { PartBody, PartResponse, Transport, UploadSource } from "./types";

/** A presigned PUT for one part; `expiresAt` is unknown for the `single` URL of `upload.create`. */
export interface PartUrl {
  url: string;
  headers: Record<string, string>;
  expiresAt?: string;
  /** The bytes this URL's checksum was computed from (crc64nvme reads a part once): sent instead of `part()`. */
  body?: PartBody;
}

/** Where part URLs come from: a sign window, or the one URL of a `single` upload. */
export interface PartUrls {
  get(partNumber: number): Promise<PartUrl>;
  resign(partNumber: number): Promise<PartUrl>;
  markDone(partNumber: number): void;
  /** Signs `partNumber` again, now for `size` bytes: a stream's short last part (see stream-tail.ts). */
  resize?(partNumber: number, size: number): Promise<void>;
}

/** Everything one upload's parts share. */
export interface PartContext {
  lane: string;
  uploadId: string;
  plan: PartPlan;
  source: UploadSource;
  transport: Transport;
  scheduler: Scheduler;
  urls: PartUrls;
  policy: RetryPolicy;
  meter: ProgressMeter;
  control: RunControl;
  onProgress: () => void;
}

/** Ceph RGW answers an expired URL with a bare AccessDenied, so a 403 this close to expiry counts as expiry. */
const EXPIRY_GRACE_MS = 30_000;

/** `Code: Message` from S3's XML error body, for messages a person can act on. */
export function storageMessage(response: PartResponse): string {
  const body = response.errorBody ?? "";
  const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(body)?.[1];
  const detail = [code, message].filter((s) => s !== undefined && s !== "").join(": ");
  const damaged = damagedInFlight(response.status, response.errorBody) ? ": the bytes were damaged on the way to storage" : "";
  return `storage answered ${response.status}${detail === "" ? "" : ` (${detail})`}${damaged}`;
}

function looksExpired(response: PartResponse, url: PartUrl, now: number): boolean {
  if (response.errorBody?.includes("Request has expired")) return true;
  return url.expiresAt !== undefined && now >= Date.parse(url.expiresAt) - EXPIRY_GRACE_MS;
}

type Outcome = { response: PartResponse } | { error: unknown };

/** One PUT under a scheduler slot; bytes go to the meter as they leave (rolled back if a pause aborts them). */
async function attempt(ctx: PartContext, url: PartUrl, range: PartRange, signal: AbortSignal, retry: boolean): Promise<Outcome> {
  let release: Release | undefined;
  let sent = 0;
  const onSent = (bytes: number) => {
    const delta = bytes - sent;
    sent = bytes;
    ctx.meter.addSent(delta);
    if (retry) ctx.meter.addRetried(delta);
    ctx.onProgress();
  };
  try {
    // Inside the try: a pause while this part still waits for a slot is judged like a pause mid-PUT (go again).
    release = await ctx.scheduler.acquire(ctx.lane, signal);
    const body = url.body ?? (await ctx.source.part(range.start, range.end));
    const response = await ctx.transport.put({ url: url.url, headers: url.headers, body, size: range.size, signal, onSent, timeoutMs: ctx.policy.timeoutMs });
    return { response };
  } catch (error) {
    if (signal.aborted && !ctx.control.stopped) {
      ctx.meter.addSent(-sent); // paused: these bytes are sent again and are no failure
      if (retry) ctx.meter.addRetried(-sent);
    }
    return { error };
  } finally {
    release?.();
  }
}

function partFailed(ctx: PartContext, partNumber: number, why: string, cause?: unknown): UploadError {
  return new UploadError("PART_FAILED", `part ${partNumber} of ${ctx.plan.partCount} failed: ${why}; the upload can be resumed`, {
    uploadId: ctx.uploadId,
    cause,
  });
}

/** Where a part stands between attempts. */
interface PartState {
  readonly partNumber: number;
  failures: number;
  resignedForbidden: boolean;
  /** Bytes of the next attempt count as retried. */
  retry: boolean;
}

type Next = { done: CompletedPart } | { wait: number } | "again";

/** Decides what follows one storage answer: done, re-sign and go again, back off, or throw. */
async function judge(ctx: PartContext, state: PartState, response: PartResponse, url: PartUrl): Promise<Next> {
  // A single-PUT URL is create-only (signed If-None-Match: *): 412 means an earlier attempt of this very PUT
  // landed and only its answer was lost. The server verifies size and type at complete either way.
  if (response.status === 412 && url.headers["if-none-match"] === "*") {
    return { done: { partNumber: state.partNumber, etag: response.etag ?? "" } };
  }
  const verdict = verdictOf(response.status, response.errorBody);
  if (verdict === "ok") {
    if (response.etag === undefined) throw partFailed(ctx, state.partNumber, "storage sent no ETag (does its CORS expose ETag?)");
    return { done: { partNumber: state.partNumber, etag: response.etag } };
  }
  const why = storageMessage(response);
  if (verdict === "fatal") throw partFailed(ctx, state.partNumber, why);
  state.failures += 1;
  state.retry = true;
  if (state.failures >= ctx.policy.attempts) throw partFailed(ctx, state.partNumber, `${why} (${state.failures} attempts)`);
  if (verdict !== "forbidden") return { wait: backoffDelay(state.failures - 1, ctx.policy, verdict === "throttled") };
  // An expired URL is re-signed every time; any other 403 gets one fresh signature before it counts as final.
  const expired = looksExpired(response, url, Date.now());
  if (!expired && state.resignedForbidden) throw partFailed(ctx, state.partNumber, why);
  state.resignedForbidden ||= !expired;
  await ctx.urls.resign(state.partNumber);
  return "again";
}

/** What follows an attempt that threw: a pause goes again at once, a stop ends, anything else backs off. */
function judgeError(ctx: PartContext, state: PartState, error: unknown, signal: AbortSignal): Next {
  const stopped = ctx.control.stopped;
  if (stopped) throw stopped;
  if (signal.aborted) return "again"; // paused mid-attempt: not a failure
  // The source itself is wrong (a file that shrank): sending again cannot help.
  if (isUploadError(error) && error.code === "SOURCE_CHANGED") {
    throw new UploadError("SOURCE_CHANGED", `${error.message}; upload it again as a new file`, { uploadId: ctx.uploadId, cause: error });
  }
  state.failures += 1;
  state.retry = true;
  const why = error instanceof Error ? error.message : String(error);
  if (state.failures >= ctx.policy.attempts) throw partFailed(ctx, state.partNumber, `${why} (${state.failures} attempts)`, error);
  return { wait: backoffDelay(state.failures - 1, ctx.policy) };
}

/**
 * Sends one part until storage confirms it: retries network errors, timeouts, 5xx and throttling with
 * full-jitter backoff; re-signs on 403 (every time the URL expired, once otherwise); fails on other 4xx.
 * Throws the stop reason when the upload is cancelled.
 */
export async function runPart(ctx: PartContext, partNumber: number): Promise<CompletedPart> {
  const state: PartState = { partNumber, failures: 0, resignedForbidden: false, retry: false };
  const range = partRange(ctx.plan, partNumber);
  for (;;) {
    await ctx.control.waitRunning();
    const signal = ctx.control.attemptSignal();
    const url = await ctx.urls.get(partNumber);
    const outcome = await attempt(ctx, url, range, signal, state.retry);
    const next = "error" in outcome ? judgeError(ctx, state, outcome.error, signal) : await judge(ctx, state, outcome.response, url);
    if (next === "again") continue;
    if ("done" in next) {
      ctx.urls.markDone(partNumber);
      return next.done;
    }
    await sleep(next.wait, ctx.control.stopSignal);
  }
}
