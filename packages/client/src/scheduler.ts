import { AdaptiveLimit } from "./adaptive-limit";
import type { AdaptiveLimitOptions } from "./adaptive-limit";
import { THROTTLING_RETRY_DELAY_BASE } from "./retry";
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
 *
 * Given `adaptive` settings, the budget is an {@link AdaptiveLimit} between a floor and `concurrency`, fed by the
 * parts storage confirms and by its push-backs; a push-back that cuts it also holds every lane's next start
 * for a jittered pause, so one throttled part slows the whole uploader (what a back-pressure signal asks for).
 * Without, the budget is `concurrency`, fixed.
 */
export class Scheduler {
  private inFlight = 0;
  private readonly lanes = new Map<string, Waiter[]>();
  private nextLane = 0;
  private readonly adaptive: AdaptiveLimit | undefined;
  private readonly hold = new StartHold(() => {
    this.pump();
  });

  /** @param concurrency the most parts in flight (the fixed budget, or the adaptive limit's maximum) */
  constructor(readonly concurrency: number, adaptive?: Omit<AdaptiveLimitOptions, "max">) {
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a whole number >= 1; got ${concurrency}`);
    const floor = adaptive?.floor;
    if (floor !== undefined && (!Number.isInteger(floor) || floor < 1)) throw new RangeError(`adaptive floor must be a whole number >= 1; got ${floor}`);
    this.adaptive = adaptive && new AdaptiveLimit({ ...adaptive, max: concurrency });
  }

  /** Parts allowed in flight now: `concurrency`, or where the adaptive limit stands. */
  get limit(): number {
    return this.adaptive?.limit ?? this.concurrency;
  }

  /** Storage confirmed a part of `bytes` (measures throughput; a grown limit hands out its new slots at once). */
  confirmed(bytes: number): void {
    if (this.adaptive === undefined) return;
    const before = this.adaptive.limit;
    this.adaptive.confirmed(bytes);
    if (this.adaptive.limit > before) this.pump();
  }

  /** Storage throttled a part (503 SlowDown, 429) or it timed out: cut the limit and pause new starts, once a window. */
  throttled(): void {
    if (this.adaptive?.throttled() !== true) return;
    this.hold.start(THROTTLING_RETRY_DELAY_BASE * (0.5 + Math.random() / 2));
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
    if (this.hold.active) return;
    while (this.inFlight < this.limit && this.lanes.size > 0) {
      const names = [...this.lanes.keys()];
      const lane = names[this.nextLane % names.length] ?? names[0];
      if (lane === undefined) return;
      const queue = this.lanes.get(lane);
      const waiter = queue?.shift();
      if (queue !== undefined && queue.length === 0) this.lanes.delete(lane);
      else this.nextLane += 1;
      if (waiter === undefined) continue;
      if (this.inFlight === 0) this.adaptive?.busy();
      this.inFlight += 1;
      waiter.grant(this.releaser());
    }
  }
}

/** A pause of new starts after a throttle; calls `resume` when it ends. */
class StartHold {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly resume: () => void) {}

  get active(): boolean {
    return this.timer !== undefined;
  }

  /** Holds for `ms` (a hold under way is not extended: the cut it answers already happened). */
  start(ms: number): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.resume();
    }, ms);
  }
}
