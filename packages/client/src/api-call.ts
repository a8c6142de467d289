import { ApiGate } from "./api-gate";
import { hoistCodeOf, retryAfterOf, toUploadError } from "./errors";
import { backoffDelay, retryPolicy, sleep } from "./retry";
import { followSignal } from "./signals";

const API_ATTEMPTS = 4;
/** Rate-limit refusals a call waits out before it fails: the limit is load, not a fault, so the budget is larger. */
const RATE_LIMITED_WAITS = 20;
const policy = retryPolicy({ baseDelayMs: 250, maxDelayMs: 5_000 });

/** Worth another try: the API could not be reached, failed internally, or asked us to slow down. */
function transient(error: unknown): boolean {
  const code = hoistCodeOf(error);
  return code === undefined || code === "INTERNAL" || code === "RATE_LIMITED";
}

/** Options of {@link apiCall}. */
export interface ApiCallOptions {
  /** Carried by the {@link UploadError} the call fails with. */
  uploadId?: string | undefined;
  /** Stops the call and its retries (each attempt gets a signal of its own following this one). */
  signal?: AbortSignal | undefined;
  /** Shared by the uploader's calls: a rate-limit refusal holds all of them (default: a gate of this call's own). */
  gate?: ApiGate | undefined;
}

/** One attempt under a signal of its own: tRPC never removes the abort listener it adds to the one it is given. */
async function attempt<T>(call: (signal: AbortSignal | undefined) => Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  const child = followSignal(signal);
  try {
    return await call(signal && child.controller.signal);
  } finally {
    child.release();
  }
}

/** Retries so far of one {@link apiCall}, by kind. */
interface Tries {
  failures: number;
  waits: number;
}

/** After a failed attempt: holds the gate for a rate-limit refusal, backs off for a transient failure, else throws. */
async function afterFailure(error: unknown, tries: Tries, gate: ApiGate, options: ApiCallOptions): Promise<void> {
  const { signal, uploadId } = options;
  if (signal?.aborted) throw signal.reason as Error;
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== undefined && tries.waits < RATE_LIMITED_WAITS) {
    tries.waits += 1;
    gate.refused(retryAfter * 1000);
    return;
  }
  tries.failures += 1;
  if (tries.failures >= API_ATTEMPTS || !transient(error)) throw toUploadError(error, uploadId);
  await sleep(backoffDelay(tries.failures - 1, policy), signal);
}

/**
 * One API call with a few full-jitter retries for transient failures (every procedure the engine retries is
 * idempotent, or harmless to repeat: a duplicate `create` leaves a session the sweeper removes). A refusal that
 * says how long to wait (`RATE_LIMITED` with `retryAfterSeconds`) holds the shared gate that long and retries.
 * Errors come out as {@link UploadError}s carrying the server's code and message.
 */
export async function apiCall<T>(call: (signal: AbortSignal | undefined) => Promise<T>, options: ApiCallOptions = {}): Promise<T> {
  const gate = options.gate ?? new ApiGate();
  const tries: Tries = { failures: 0, waits: 0 };
  for (;;) {
    // Synchronously when the gate is open: even a tick's delay would let an abort sent meanwhile go unseen.
    const release = gate.tryEnter() ?? (await gate.enter(options.signal));
    try {
      const value = await attempt(call, options.signal);
      gate.succeeded();
      return value;
    } catch (error) {
      release(); // not held through a backoff
      await afterFailure(error, tries, gate, options);
    } finally {
      release();
    }
  }
}
