import { cancelled } from "./errors";

/**
 * Pause and stop for one upload. Each part attempt runs under {@link attemptSignal}, which aborts on pause
 * (the attempt is re-sent after resume) and on stop (cancel, or the caller's signal: the upload ends).
 */
export class RunControl {
  private pauseController = new AbortController();
  private readonly stopController = new AbortController();
  private resumed: { promise: Promise<void>; resolve: () => void } | undefined;

  /** Why the upload stopped, once it has. */
  get stopped(): Error | undefined {
    return this.stopController.signal.aborted ? (this.stopController.signal.reason as Error) : undefined;
  }

  get paused(): boolean {
    return this.resumed !== undefined;
  }

  /** Aborts on stop only: API calls and waits that a pause should not interrupt. */
  get stopSignal(): AbortSignal {
    return this.stopController.signal;
  }

  /** Aborts on pause or stop: one signal shared by every attempt until the next pause (no per-attempt composite). */
  attemptSignal(): AbortSignal {
    return this.pauseController.signal;
  }

  pause(): void {
    if (this.resumed !== undefined || this.stopped) return;
    let resolve: () => void = () => undefined;
    const promise = new Promise<void>((r) => (resolve = r));
    this.resumed = { promise, resolve };
    this.pauseController.abort(new DOMException("paused", "AbortError"));
  }

  resume(): void {
    const resumed = this.resumed;
    if (resumed === undefined) return;
    this.pauseController = new AbortController();
    this.resumed = undefined;
    resumed.resolve();
  }

  /** Ends the upload: in-flight attempts abort and every wait rejects with `reason`. */
  stop(reason: Error = cancelled(undefined)): void {
    if (this.stopped) return;
    this.stopController.abort(reason);
    this.pauseController.abort(reason);
    this.resumed?.resolve();
  }

  /** Resolves when not paused; rejects once stopped. */
  async waitRunning(): Promise<void> {
    while (this.resumed !== undefined) await this.resumed.promise;
    const stopped = this.stopped;
    if (stopped) throw stopped;
  }
}
