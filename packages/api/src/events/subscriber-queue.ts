import type { FileEventRow } from "@hoist/db";

/**
 * Live events for one subscriber, pushed by the instance's hub and taken by the subscriber's stream. Bounded: a
 * subscriber that falls `capacity` events behind is marked overflowed and its buffer dropped; it then reads the
 * rest from the table instead, so a slow reader costs the database a query, never the process unbounded memory.
 */
export class SubscriberQueue {
  private buffer: FileEventRow[] = [];
  private waiting: ((row: FileEventRow | undefined) => void) | undefined;
  private failure: Error | undefined;
  /** True once events were dropped; cleared by {@link restart}. */
  overflowed = false;

  constructor(
    /** Whose events this subscriber receives (its own, or everyone's for a subject). */
    readonly accepts: (row: FileEventRow) => boolean,
    private readonly capacity: number,
  ) {}

  /** Called by the hub, in id order. */
  push(row: FileEventRow): void {
    if (this.waiting !== undefined) {
      const wake = this.waiting;
      this.waiting = undefined;
      wake(row);
    } else if (this.buffer.length >= this.capacity) {
      this.overflowed = true;
      this.buffer = [];
    } else if (!this.overflowed) this.buffer.push(row);
  }

  /** Ends the stream: `take` rejects with `error` from now on (the hub is closing). */
  fail(error: Error): void {
    this.failure = error;
    this.waiting?.(undefined);
  }

  /** Forgets what was buffered: called right before the subscriber reads from the table, which covers it. */
  restart(): void {
    this.buffer = [];
    this.overflowed = false;
  }

  /**
   * The next live event; `"behind"` once events were dropped (read the table, then {@link restart}); undefined once
   * `signal` aborts (the client went away).
   */
  async take(signal: AbortSignal | undefined): Promise<FileEventRow | "behind" | undefined> {
    this.throwIfFailed();
    if (this.overflowed) return "behind";
    const next = this.buffer.shift();
    if (next !== undefined || signal?.aborted === true) return next;
    let onAbort = () => undefined as unknown;
    const row = await new Promise<FileEventRow | undefined>((resolve) => {
      this.waiting = resolve;
      onAbort = () => {
        resolve(undefined);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    });
    signal?.removeEventListener("abort", onAbort);
    this.waiting = undefined;
    this.throwIfFailed();
    return row;
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
