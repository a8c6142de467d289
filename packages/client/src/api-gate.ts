import { abortable } from "./signals";
import { sleep } from "./retry";

/** Frees a place taken at the gate; calling it twice is harmless. */
export type GateRelease = () => void;

/** Above this many calls at once the gate stops counting: the uploader's own budgets bound the calls again. */
const UNLIMITED_FROM = 32;

/**
 * One per uploader, in front of every API call its uploads make. When the API answers `RATE_LIMITED`, the
 * refused call holds the gate for the server's `Retry-After`, and every call of every upload waits it out
 * together: the whole queue slows down instead of each call retrying on its own. After a hold, calls go
 * through one at a time, so a window the server reopens costs one refusal, not a burst of them; once a hold's
 * length has passed without a refusal, the number allowed at once grows back with each success (additive
 * increase, as TCP does). Part PUTs go
 * to storage, which the limit does not count, and never pass here.
 */
export class ApiGate {
  private openAt = 0;
  /** Successes before this instant do not raise `allowed`: the limit may still be about to refuse again. */
  private calmFrom = 0;
  private allowed = Number.POSITIVE_INFINITY;
  private inFlight = 0;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** A place now, or undefined while a hold is in force or the calls allowed at once are out. */
  tryEnter(): GateRelease | undefined {
    if (this.openAt > this.clock() || this.inFlight >= Math.floor(this.allowed)) return undefined;
    this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
      for (const wake of [...this.waiters]) wake();
    };
  }

  /**
   * Waits for a place. Waiters leave a hold spread over a tenth of it (at most 1 s) so they do not all arrive
   * in one instant. Rejects with the signal's reason if it aborts first (pause and cancel do not wait it out).
   */
  async enter(signal?: AbortSignal): Promise<GateRelease> {
    for (;;) {
      const place = this.tryEnter();
      if (place !== undefined) return place;
      const wait = this.openAt - this.clock();
      if (wait > 0) await sleep(wait + Math.floor(this.random() * Math.min(1_000, wait / 10)), signal);
      else await this.nextRelease(signal);
    }
  }

  /** A refusal: hold every call for `ms` (a longer hold already in force stays), then one at a time. */
  refused(ms: number): void {
    this.openAt = Math.max(this.openAt, this.clock() + ms);
    this.calmFrom = Math.max(this.calmFrom, this.openAt + ms);
    this.allowed = 1;
  }

  /** A call went through: once calm, one more call at once every `allowed` successes. */
  succeeded(): void {
    if (this.allowed === Number.POSITIVE_INFINITY || this.clock() < this.calmFrom) return;
    this.allowed += 1 / Math.floor(this.allowed);
    if (this.allowed >= UNLIMITED_FROM) this.allowed = Number.POSITIVE_INFINITY;
  }

  private nextRelease(signal: AbortSignal | undefined): Promise<void> {
    return abortable<undefined>(signal, (resolve) => {
      const wake = () => {
        this.waiters.delete(wake);
        resolve(undefined);
      };
      this.waiters.add(wake);
      return () => this.waiters.delete(wake);
    });
  }
}
