import { damagedInFlight } from "./damaged-in-flight";
import { abortable } from "./signals";
import type { RetryOptions } from "./types";

// The AWS SDK's own numbers, copied from @smithy/util-retry's `constants` (MAXIMUM_RETRY_DELAY and
// THROTTLING_RETRY_DELAY_BASE; retry.test.ts checks they still agree) rather than imported: importing pulls that
// package's runtime into the browser bundle for two numbers.
/** Longest backoff the AWS SDK waits, in ms. */
export const MAXIMUM_RETRY_DELAY = 20 * 1000;
/** The AWS SDK's backoff base for throttling answers, in ms. */
export const THROTTLING_RETRY_DELAY_BASE = 500;

/** {@link RetryOptions} with every default filled in. */
export type RetryPolicy = Required<RetryOptions>;

/** Defaults: 6 attempts, 200 ms base, the AWS SDK's 20 s cap, 60 s without progress is a timeout. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  return {
    attempts: options.attempts ?? 6,
    baseDelayMs: options.baseDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? MAXIMUM_RETRY_DELAY,
    timeoutMs: options.timeoutMs ?? 60_000,
  };
}

/** How an attempt ended, as far as retrying is concerned. */
export type AttemptVerdict = "ok" | "retry" | "throttled" | "forbidden" | "fatal";

/**
 * Classifies a storage answer: 5xx, 408 and a body damaged in flight (400 BadDigest and kin, see
 * damaged-in-flight.ts) retry, 429 and 503 (SlowDown) back off harder, 403 may re-sign.
 */
export function verdictOf(status: number, errorBody?: string): AttemptVerdict {
  if (status >= 200 && status < 300) return "ok";
  if (status === 429 || status === 503) return "throttled";
  if (status >= 500 || status === 408 || damagedInFlight(status, errorBody)) return "retry";
  if (status === 403) return "forbidden";
  return "fatal";
}

/**
 * Full-jitter exponential backoff (AWS architecture blog, "Exponential Backoff and Jitter"): a delay drawn
 * uniformly from `[0, min(max, base * 2^retry)]`, the formula of the AWS SDK's DefaultRetryBackoffStrategy.
 * Throttling answers start from the SDK's throttling base (500 ms) so a busy bucket gets room.
 *
 * @param retry 0 for the first retry
 */
export function backoffDelay(retry: number, policy: RetryPolicy, throttled = false, random = Math.random): number {
  const base = throttled ? Math.max(policy.baseDelayMs, THROTTLING_RETRY_DELAY_BASE) : policy.baseDelayMs;
  return Math.floor(random() * Math.min(policy.maxDelayMs, base * 2 ** retry));
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts (pause and cancel must not wait out a backoff). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return abortable<undefined>(signal, (resolve) => {
    const timer = setTimeout(() => {
      resolve(undefined);
    }, ms);
    return () => {
      clearTimeout(timer);
    };
  });
}
