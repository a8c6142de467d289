import type { SignedPart } from "@hoist/contract";

/**
 * Signs a batch of parts in one `upload.signParts` call (checksums, when on, are the caller's business); `sizes`
 * holds the length of a part that is not planned whole (a stream's last part), which every signature of it carries.
 */
export type SignBatch = (partNumbers: number[], sizes: ReadonlyMap<number, number>) => Promise<SignedPart[]>;

/** A URL this close to `expiresAt` is treated as expired before it is even tried (clock skew, slow starts). */
const EXPIRY_SKEW_MS = 1_000;

/**
 * Signs part URLs ahead of need in windows of up to `size` parts, in the order parts will be sent. Asking for a
 * part past the middle of its window starts signing the next window, so the pipe never waits for a signature; a
 * window is one API round trip however many parts it holds. With `first` < `size` the windows start at `first`
 * parts and double up to `size`: checksummed parts are hashed before they are signed, and a small first window
 * lets sending start after a few hashes rather than a hundred.
 */
export class SignWindow {
  private readonly index = new Map<number, number>();
  /** Position in `order` where each window starts, and one past the last window's end. */
  private readonly bounds: number[] = [0];
  private readonly windows = new Map<number, Promise<Map<number, SignedPart>>>();
  private readonly fresh = new Map<number, SignedPart>();
  private readonly refreshing = new Map<number, Promise<void>>();
  private readonly done = new Set<number>();
  private readonly sizes = new Map<number, number>();

  constructor(
    private readonly order: readonly number[],
    size: number,
    private readonly sign: SignBatch,
    private readonly now: () => number = Date.now,
    first = size,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`signWindow must be a whole number >= 1; got ${size}`);
    order.forEach((partNumber, i) => this.index.set(partNumber, i));
    let next = Math.max(1, Math.min(first, size));
    for (let at = 0; at < order.length; next = Math.min(size, next * 2)) {
      at = Math.min(order.length, at + next);
      this.bounds.push(at);
    }
  }

  /** The URL for `partNumber`: from its window, re-signed with the rest of the window first if it expired. */
  async get(partNumber: number): Promise<SignedPart> {
    const position = this.index.get(partNumber);
    if (position === undefined) throw new RangeError(`part ${partNumber} is not planned to be sent`);
    const k = this.windowAt(position);
    const current = this.window(k);
    const start = this.start(k);
    if (position - start >= (this.end(k) - start) / 2 && k + 1 < this.windowCount) {
      this.window(k + 1).catch(() => undefined); // a failed prefetch is retried by whoever needs that window
    }
    const signed = this.fresh.get(partNumber) ?? (await current).get(partNumber);
    if (signed === undefined) throw new Error(`upload.signParts did not sign part ${partNumber}`);
    if (Date.parse(signed.expiresAt) - EXPIRY_SKEW_MS > this.now()) return signed;
    await this.refresh(k);
    return this.fresh.get(partNumber) ?? signed;
  }

  /** Signs `partNumber` again (after storage said 403). */
  async resign(partNumber: number): Promise<SignedPart> {
    const [signed] = await this.sign([partNumber], this.sizes);
    if (signed === undefined) throw new Error(`upload.signParts did not sign part ${partNumber}`);
    this.fresh.set(partNumber, signed);
    return signed;
  }

  /** From now on `partNumber` is `size` bytes (a stream ended in it): signs it again, and so does any refresh. */
  async resize(partNumber: number, size: number): Promise<void> {
    this.sizes.set(partNumber, size);
    await this.resign(partNumber);
  }

  /**
   * Storage holds `partNumber`: a window refresh need not sign it again, and a window whose parts are all done
   * is dropped (its URLs are never needed again), so what is kept is bounded by the windows in use, not the plan.
   */
  markDone(partNumber: number): void {
    this.done.add(partNumber);
    this.fresh.delete(partNumber);
    const position = this.index.get(partNumber);
    if (position === undefined) return;
    const k = this.windowAt(position);
    if (this.partsOf(k).every((n) => this.done.has(n))) this.windows.delete(k);
  }

  /** Windows signed and kept (for tests: finished windows are let go). */
  get windowsHeld(): number {
    return this.windows.size;
  }

  /** Windows the order is cut into. */
  get windowCount(): number {
    return this.bounds.length - 1;
  }

  private start(k: number): number {
    return this.bounds[k] ?? this.order.length;
  }

  private end(k: number): number {
    return this.bounds[k + 1] ?? this.order.length;
  }

  /** The window holding `position`: a binary search over the window starts. */
  private windowAt(position: number): number {
    let low = 0;
    let high = this.windowCount - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.start(middle) <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The part numbers of window `k`, in sending order. */
  private partsOf(k: number): readonly number[] {
    return this.order.slice(this.start(k), this.end(k));
  }

  private window(k: number): Promise<Map<number, SignedPart>> {
    let pending = this.windows.get(k);
    if (pending === undefined) {
      const numbers = this.partsOf(k).filter((n) => !this.done.has(n));
      pending = this.sign(numbers, this.sizes).then((parts) => new Map(parts.map((part) => [part.partNumber, part])));
      pending.catch(() => this.windows.delete(k));
      this.windows.set(k, pending);
    }
    return pending;
  }

  /** Re-signs the unfinished parts of window `k` in one call; concurrent callers share it. */
  private refresh(k: number): Promise<void> {
    let pending = this.refreshing.get(k);
    if (pending === undefined) {
      const numbers = this.partsOf(k).filter((n) => !this.done.has(n));
      pending = this.sign(numbers, this.sizes)
        .then((parts) => {
          for (const part of parts) this.fresh.set(part.partNumber, part);
        })
        .finally(() => this.refreshing.delete(k));
      this.refreshing.set(k, pending);
    }
    return pending;
  }
}
