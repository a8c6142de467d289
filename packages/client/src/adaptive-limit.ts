/**
 * How many parts an uploader keeps in flight, learnt from what it measures (issue 13, "concurrency that adapts").
 *
 * Throughput-driven AIMD, after TCP congestion control as Netflix's concurrency-limits applies it to services and
 * the AWS SDKs' adaptive retry mode applies it to throttling: the bytes storage confirmed across the whole uploader
 * over a window of at least `windowMs` and at least `limit` parts (one round: every slot finished about one part,
 * so a step is judged on parts sent at its limit) give a rate. Bytes handed to a socket are no measure: its buffer
 * swallows megabytes at once, whatever the link. The limit starts at `start`, doubles while a doubling pays (slow start), then probes +1 and
 * keeps a step only when the rate rose by at least half of what the step could give if every part had its own
 * bandwidth (e.g. +6 % for 8 -> 9): a per-connection cap (AWS's guidance is ~85-90 MB/s a connection) is found in
 * a few windows, while on a link that is already full the limit stays where it is. A throttling answer (503
 * SlowDown, 429) or a timeout cuts the limit to 70 % (the SDK's CUBIC beta), at most once a window however many
 * parts report it, and quiets probing for a few windows. The clock is injected so a test can drive it.
 */

/** Settings of an {@link AdaptiveLimit}. */
export interface AdaptiveLimitOptions {
  /** The limit never goes below this (default 2, or `max` when smaller). */
  floor?: number;
  /** The limit never goes above this: the uploader's `concurrency`. */
  max: number;
  /** Where it begins (default 8, within floor..max). */
  start?: number;
  /** Length of a measuring window in ms (default 1000). */
  windowMs?: number;
  /** Milliseconds since any origin (default `performance.now`). */
  now?: () => number;
}

/** Share of the limit kept after a throttle (CUBIC's beta, as in the AWS SDKs' adaptive retry mode). */
export const CUT_FACTOR = 0.7;
/** Windows without probing after a cut or a step that did not pay, so a probe is judged on a settled rate. */
export const QUIET_WINDOWS = 3;
/** Default floor: one slow connection should not leave an upload with a single part in flight. */
export const DEFAULT_FLOOR = 2;
/**
 * Default start: Node's fixed default before adaptation (browsers' max is 4, so they start there), so an
 * uploader that meets no push-back and no per-connection cap runs as it did with a fixed budget.
 */
export const DEFAULT_START = 8;

type Phase = "slowStart" | "steady" | "probing";

/** The limit and the rule that moves it; see the module comment. */
export class AdaptiveLimit {
  readonly floor: number;
  readonly max: number;
  private current: number;
  private phase: Phase = "slowStart";
  /** The limit and rate before the step under judgement. */
  private before: { limit: number; rate: number } | undefined;
  private quiet = 0;
  private windowStart: number;
  private windowBytes = 0;
  private windowParts = 0;
  private lastCut = Number.NEGATIVE_INFINITY;
  private readonly windowMs: number;
  private readonly now: () => number;

  constructor(options: AdaptiveLimitOptions) {
    this.max = options.max;
    this.floor = Math.min(options.max, Math.max(1, options.floor ?? DEFAULT_FLOOR));
    this.current = clamp(options.start ?? DEFAULT_START, this.floor, this.max);
    this.windowMs = options.windowMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
    this.windowStart = this.now();
  }

  /** Parts allowed in flight now. */
  get limit(): number {
    return this.current;
  }

  /** Storage confirmed a part of `bytes`; closes the window (and may move the limit) once it is long enough. */
  confirmed(bytes: number): void {
    this.windowBytes += bytes;
    this.windowParts += 1;
    const elapsed = this.now() - this.windowStart;
    if (elapsed < this.windowMs || this.windowParts < this.current) return;
    const rate = this.windowBytes / elapsed;
    this.restartWindow();
    this.decide(rate);
  }

  /**
   * Storage pushed back (503 SlowDown, 429, a timeout): cuts the limit to {@link CUT_FACTOR} of itself unless a
   * cut happened less than a window ago (the other parts in flight were sent at the old limit and report the same
   * push). True when it cut, so the caller holds new starts too.
   */
  throttled(): boolean {
    const now = this.now();
    if (now - this.lastCut < this.windowMs) return false;
    this.lastCut = now;
    this.current = Math.max(this.floor, Math.floor(this.current * CUT_FACTOR));
    this.settle();
    this.restartWindow();
    return true;
  }

  /** Parts start after none were in flight: the time spent idle (planning, between uploads) is no measure of the link. */
  busy(): void {
    this.restartWindow();
  }

  private restartWindow(): void {
    this.windowStart = this.now();
    this.windowBytes = 0;
    this.windowParts = 0;
  }

  private settle(): void {
    this.phase = "steady";
    this.before = undefined;
    this.quiet = QUIET_WINDOWS;
  }

  private decide(rate: number): void {
    if (this.phase === "steady") {
      if (this.quiet > 0) this.quiet -= 1;
      else this.step(rate, this.current + 1, "probing");
      return;
    }
    const before = this.before;
    if (before === undefined) {
      this.step(rate, this.current * 2, this.phase);
    } else if (paid(before, this.current, rate)) {
      this.step(rate, this.phase === "slowStart" ? this.current * 2 : this.current + 1, this.phase);
    } else {
      this.current = before.limit;
      this.settle();
    }
  }

  /** Moves to `next` (within max), remembering where it came from so the next window can judge the step. */
  private step(rate: number, next: number, phase: Phase): void {
    if (this.current >= this.max) {
      this.settle();
      return;
    }
    this.before = { limit: this.current, rate };
    this.current = Math.min(this.max, next);
    this.phase = phase;
  }
}

/** A step from `before.limit` to `limit` paid when the rate rose by at least half the step's share. */
function paid(before: { limit: number; rate: number }, limit: number, rate: number): boolean {
  const possible = limit / before.limit - 1;
  return rate >= before.rate * (1 + possible / 2);
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** A transport's timeout (Node and XHR transports say "timed out"): storage too slow to answer counts as push-back. */
export function isTimeout(error: unknown): boolean {
  return error instanceof Error && /timed out/.test(error.message);
}
