import { partRange } from "@hoist/contract/core";
import type { PartPlan } from "@hoist/contract/core";
import type { UploadSource } from "./types";

/** How {@link PartHasher} may run; `T` is what it computes per part (a SHA-256 by default). */
export interface PartHasherOptions<T = string> {
  /** Parts hashed at once (1 for sources that must be read in order). */
  parallel: number;
  /** How many parts past the sender's position may be hashed before anyone asks for them. */
  ahead: number;
  /** Back-to-back parts hashed from one read, for sources with `sha256Parts` (1 otherwise). */
  group?: number;
  /** Stops starting new hashes (the upload ended). */
  signal: AbortSignal;
  /** Computes the values of back-to-back parts (default: the source's SHA-256, `group` per read where it can). */
  hash?: (partNumbers: readonly number[]) => Promise<T[]>;
}

/**
 * Per-part SHA-256 for a checksummed upload, computed in sending order just ahead of the sender: while parts go
 * out, the next ones are hashed (`ahead` of the furthest part sent), so a sign call finds its checksums ready
 * instead of reading a whole window first. Back-to-back parts are hashed `group` at a time where the source
 * can (one read for several parts). Each part is hashed once (a re-sign after expiry reuses it); a failed
 * hash is forgotten so the next ask tries again.
 */
export class PartHasher<T = string> {
  private readonly index = new Map<number, number>();
  private readonly entries = new Map<number, Entry<T>>();
  private next = 0;
  private limit = 0;
  private running = 0;

  constructor(
    private readonly order: readonly number[],
    private readonly plan: PartPlan,
    private readonly source: UploadSource,
    private readonly options: PartHasherOptions<T>,
  ) {
    order.forEach((partNumber, i) => this.index.set(partNumber, i));
    // Whoever still waits for a hash that will now never start must not wait forever.
    options.signal.addEventListener("abort", () => {
      for (const entry of this.entries.values()) if (!entry.started) entry.reject(options.signal.reason);
    }, { once: true });
  }

  /** Parts hashed or being hashed so far (for tests of how far hashing runs ahead). */
  get started(): number {
    return this.next;
  }

  /** The sender has reached `partNumber`: hash up to `ahead` parts past it. */
  advance(partNumber: number): void {
    const position = this.index.get(partNumber);
    if (position !== undefined) this.allow(position + 1 + this.options.ahead);
  }

  /** The value (a SHA-256 in base64 by default) of `partNumber`; every earlier part of the order is started first. */
  sum(partNumber: number): Promise<T> {
    const position = this.index.get(partNumber);
    if (position === undefined) return Promise.reject(new RangeError(`part ${partNumber} is not planned to be sent`));
    const { signal } = this.options;
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    this.allow(position + 1);
    const entry = this.entry(partNumber);
    if (position < this.next && !entry.started) this.start([partNumber]); // its earlier hash failed: try again
    return entry.promise;
  }

  /** Storage holds `partNumber`: its checksum (and whatever else was kept with it) is not needed again. */
  forget(partNumber: number): void {
    this.entries.delete(partNumber);
  }

  private allow(limit: number): void {
    this.limit = Math.min(this.order.length, Math.max(this.limit, limit));
    this.pump();
  }

  private entry(partNumber: number): Entry<T> {
    let entry = this.entries.get(partNumber);
    if (entry === undefined) {
      let resolve: (sum: T) => void = () => undefined;
      let reject: (reason: unknown) => void = () => undefined;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      promise.catch(() => undefined); // hashed ahead and failed before anyone asked: not unhandled
      entry = { promise, resolve, reject, started: false };
      this.entries.set(partNumber, entry);
    }
    return entry;
  }

  private pump(): void {
    while (this.running < this.options.parallel && this.next < this.limit && !this.options.signal.aborted) {
      this.start(this.takeBatch());
    }
  }

  /** The next parts of the order within the limit: up to `group` back-to-back part numbers. */
  private takeBatch(): number[] {
    const group = this.source.sha256Parts || this.options.hash ? (this.options.group ?? 1) : 1;
    const batch: number[] = [];
    while (this.next < this.limit && batch.length < group) {
      const partNumber = this.order[this.next] ?? 0;
      const previous = batch.at(-1);
      if (previous !== undefined && partNumber !== previous + 1) break;
      batch.push(partNumber);
      this.next += 1;
    }
    return batch;
  }

  private start(batch: readonly number[]): void {
    const entries = batch.map((partNumber) => this.entry(partNumber));
    for (const entry of entries) entry.started = true;
    this.running += 1;
    this.hash(batch)
      .then((sums) => {
        entries.forEach((entry, i) => {
          const sum = sums[i];
          if (sum === undefined) entry.reject(new Error(`part ${batch[i] ?? 0} was not hashed`));
          else entry.resolve(sum);
        });
      }, (error: unknown) => {
        batch.forEach((partNumber, i) => {
          if (this.entries.get(partNumber) === entries[i]) this.entries.delete(partNumber);
          entries[i]?.reject(error);
        });
      })
      .finally(() => {
        this.running -= 1;
        this.pump();
      });
  }

  private async hash(batch: readonly number[]): Promise<T[]> {
    if (this.options.hash) return this.options.hash(batch);
    // Without a `hash` option nothing else computes values: T is its default, a SHA-256 string.
    return (await this.sha256(batch)) as T[];
  }

  private async sha256(batch: readonly number[]): Promise<string[]> {
    const ranges = batch.map((partNumber) => partRange(this.plan, partNumber));
    if (ranges.length > 1 && this.source.sha256Parts) {
      const sums = await this.source.sha256Parts(ranges);
      if (sums.length !== ranges.length) throw new Error(`the source hashed ${sums.length} of ${ranges.length} parts`);
      return sums;
    }
    return Promise.all(ranges.map((range) => this.source.sha256(range.start, range.end)));
  }
}

interface Entry<T> {
  promise: Promise<T>;
  resolve: (sum: T) => void;
  reject: (reason: unknown) => void;
  started: boolean;
}
