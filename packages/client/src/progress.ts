import type { UploadProgress } from "./types";

/** Rate smoothing horizon: an EWMA whose weight halves about every 5 s, steady enough for an ETA. */
const RATE_WINDOW_MS = 5_000;
/** At most one event per 100 ms per file (~10/s). */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Counts one upload's bytes and parts and derives rate and ETA. Bytes sent feed the rate, so a stalled network
 * shows a falling rate rather than a frozen one.
 */
export class ProgressMeter {
  private sent = 0;
  private confirmed = 0;
  private retried = 0;
  private done = 0;
  private resumed = 0;
  private rateValue = 0;
  private lastAt: number | undefined;
  private pendingBytes = 0;
  private unknown = false;

  constructor(
    private totalBytes: number,
    private partsTotal: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A stream of unknown length: the totals are its maximum until {@link sizeLearnt}; no ETA until then. */
  sizeNotKnown(): void {
    this.unknown = true;
  }

  /** The stream ended: its real size and part count. */
  sizeLearnt(totalBytes: number, partsTotal: number): void {
    this.totalBytes = totalBytes;
    this.partsTotal = partsTotal;
    this.unknown = false;
  }

  /** Bytes handed to the network (negative to roll back an attempt a pause aborted). */
  addSent(bytes: number): void {
    this.sent += bytes;
    if (bytes > 0) this.sample(bytes);
  }

  addRetried(bytes: number): void {
    this.retried += bytes;
  }

  /** A part storage acknowledged; `resumed` when it was found there at resume and not sent now. */
  confirmPart(bytes: number, resumed = false): void {
    this.confirmed += bytes;
    this.done += 1;
    if (resumed) {
      this.resumed += 1;
      this.sent += bytes;
    }
  }

  private sample(bytes: number): void {
    const at = this.now();
    if (this.lastAt === undefined) {
      this.lastAt = at; // the first bytes only start the clock: how long they took is unknown
      return;
    }
    this.pendingBytes += bytes;
    const dt = at - this.lastAt;
    if (dt < 50) return; // too short to measure; keep accumulating
    const instant = (this.pendingBytes * 1000) / dt;
    const alpha = 1 - Math.exp(-dt / RATE_WINDOW_MS);
    this.rateValue = this.rateValue === 0 ? instant : this.rateValue + alpha * (instant - this.rateValue);
    this.pendingBytes = 0;
    this.lastAt = at;
  }

  /** A snapshot for `onProgress`. */
  snapshot(): UploadProgress {
    const left = Math.max(0, this.totalBytes - this.confirmed);
    const rate = this.rateValue;
    return {
      totalBytes: this.totalBytes,
      bytesSent: this.sent,
      bytesConfirmed: this.confirmed,
      bytesRetried: this.retried,
      rate,
      eta: this.unknown ? undefined : rate > 0 ? left / rate : left === 0 ? 0 : undefined,
      partsDone: this.done,
      partsTotal: this.partsTotal,
      partsResumed: this.resumed,
      ...(this.unknown && { sizeUnknown: true as const }),
    };
  }
}

/**
 * Leading + trailing throttle: the first call fires at once, later calls within `intervalMs` collapse into one
 * trailing call, and `flush()` fires any pending call now (the final event at completion is never lost).
 */
export function throttle(fn: () => void, intervalMs = PROGRESS_INTERVAL_MS): { call: () => void; flush: () => void; cancel: () => void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const fire = () => {
    timer = undefined;
    last = Date.now();
    fn();
  };
  return {
    call() {
      if (timer !== undefined) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      fire();
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}
