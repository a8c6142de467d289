import { abortable } from "./signals";

/** Frees a slot taken with {@link Scheduler.acquire}; calling it twice is harmless. */
export type Release = () => void;

interface Waiter {
  grant: (release: Release) => void;
}

/**
 * One concurrency budget shared by every upload of an uploader. Each upload is a lane; free slots go to lanes
 * round-robin (one waiter per lane per turn), so a big file cannot starve a small one queued after it, and
 * within a lane waiters are served FIFO so parts go out in order (sequential sources depend on it).
 */
export class Scheduler {
  private inFlight = 0;
  private readonly lanes = new Map<string, Waiter[]>();
  private nextLane = 0;

  constructor(readonly concurrency: number) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number >= 1; got ${concurrency}`);
  }

  /** Slots in use now (for tests and metrics). */
  get active(): number {
    return this.inFlight;
  }

  /** Waits for a slot for `lane`; rejects with the signal's reason if it aborts first. */
  acquire(lane: string, signal?: AbortSignal): Promise<Release> {
    return abortable<Release>(signal, (resolve) => {
      const waiter: Waiter = { grant: resolve };
      const queue = this.lanes.get(lane) ?? [];
      queue.push(waiter);
      this.lanes.set(lane, queue);
      this.pump();
      return () => {
        this.remove(lane, waiter);
      };
    });
  }

  private remove(lane: string, waiter: Waiter): void {
    const queue = this.lanes.get(lane);
    if (queue === undefined) return;
    const index = queue.indexOf(waiter);
    if (index >= 0) queue.splice(index, 1);
    if (queue.length === 0) this.lanes.delete(lane);
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      this.pump();
    };
  }

  /** Hands free slots out, one lane at a time in turn. */
  private pump(): void {
    while (this.inFlight < this.concurrency && this.lanes.size > 0) {
      const names = [...this.lanes.keys()];
      const lane = names[this.nextLane % names.length] ?? names[0];
      if (lane === undefined) return;
      const queue = this.lanes.get(lane);
      const waiter = queue?.shift();
      if (queue !== undefined && queue.length === 0) this.lanes.delete(lane);
      else this.nextLane += 1;
      if (waiter === undefined) continue;
      this.inFlight += 1;
      waiter.grant(this.releaser());
    }
  }
}
