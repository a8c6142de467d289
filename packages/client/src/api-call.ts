import { ApiGate } from "./api-gate";
import { hoistCodeOf, retryAfterOf, toUploadError } from "./errors";
import { backoffDelay, retryPolicy, sleep } from "./retry";
import type { RetryPolicy } from "./retry";
import { followSignal } from "./signals";
import type { ApiRetryOptions } from "./types";

/** Rate-limit refusals a call waits out before it fails: the limit is load, not a fault, so the budget is larger. */
const RATE_LIMITED_WAITS = 20;
/**
 * 30 s of retries: a count of attempts would not do, since full jitter may draw four short delays in a row and give
 * up within a second of an API instance dying or its database restarting.
 */
const DEFAULT_BUDGET_MS = 30_000;

/** {@link ApiRetryOptions} with every default filled in. */
interface ApiRetry {
  budgetMs: number;
  policy: RetryPolicy;
}

function apiRetry(options: ApiRetryOptions = {}): ApiRetry {
  const policy = retryPolicy({ baseDelayMs: options.baseDelayMs ?? 250, maxDelayMs: options.maxDelayMs ?? 5_000 });
  return { budgetMs: options.budgetMs ?? DEFAULT_BUDGET_MS, policy };
}

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
  /** How long transient failures are retried (default 30 s, 250 ms..5 s apart). */
  retry?: ApiRetryOptions | undefined;
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

/** Retries so far of one {@link apiCall}, by kind, and when its first failure was. */
interface Tries {
  failures: number;
  waits: number;
  firstFailureAt: number | undefined;
}

/** After a failed attempt: holds the gate for a rate-limit refusal, backs off for a transient failure, else throws. */
async function afterFailure(error: unknown, tries: Tries, gate: ApiGate, options: ApiCallOptions & { retry: ApiRetry }): Promise<void> {
  const { signal, uploadId, retry } = options;
  if (signal?.aborted) throw signal.reason as Error;
  const retryAfter = retryAfterOf(error);
  if (retryAfter !== undefined && tries.waits < RATE_LIMITED_WAITS) {
    tries.waits += 1;
    gate.refused(retryAfter * 1000);
    return;
  }
  tries.failures += 1;
  tries.firstFailureAt ??= Date.now();
  const delay = backoffDelay(tries.failures - 1, retry.policy);
  const spent = Date.now() - tries.firstFailureAt;
  if (!transient(error) || spent + delay > retry.budgetMs) throw toUploadError(error, uploadId);
  await sleep(delay, signal);
}

/**
 * One API call with full-jitter retries of transient failures for up to `retry.budgetMs` (every procedure the
 * engine retries is idempotent, or harmless to repeat: a duplicate `create` leaves a session the sweeper
 * removes). A refusal that says how long to wait (`RATE_LIMITED` with `retryAfterSeconds`) holds the shared
 * gate that long and retries. Errors come out as {@link UploadError}s carrying the server's code and message.
 */
export async function apiCall<T>(call: (signal: AbortSignal | undefined) => Promise<T>, options: ApiCallOptions = {}): Promise<T> {
  const gate = options.gate ?? new ApiGate();
  const tries: Tries = { failures: 0, waits: 0, firstFailureAt: undefined };
  const retry = apiRetry(options.retry);
  for (;;) {
    // Synchronously when the gate is open: even a tick's delay would let an abort sent meanwhile go unseen.
    const release = gate.tryEnter() ?? (await gate.enter(options.signal));
    try {
      const value = await attempt(call, options.signal);
      gate.succeeded();
      return value;
    } catch (error) {
      release(); // not held through a backoff
      await afterFailure(error, tries, gate, { ...options, retry });
    } finally {
      release();
    }
  }
}
