/** At most one published snapshot per this many ms (~10 renders a second, however many files move). */
export const SNAPSHOT_INTERVAL_MS = 100;

/**
 * Publishes snapshots for `useSyncExternalStore`, throttled: changes made in one tick (adding 1,000 files) or
 * within {@link SNAPSHOT_INTERVAL_MS} of the last publish collapse into one new snapshot.
 */
export class SnapshotPublisher<T> {
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = -Infinity;

  constructor(
    private snapshot: T,
    private readonly build: () => T,
    private readonly intervalMs = SNAPSHOT_INTERVAL_MS,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getSnapshot = (): T => this.snapshot;

  /** Something changed: publish after the current tick, or when the interval since the last publish is over. */
  changed(): void {
    if (this.timer !== undefined) return;
    const wait = Math.max(0, this.last + this.intervalMs - Date.now());
    this.timer = setTimeout(this.publish, wait);
  }

  /** Stops a pending publish (the store is going away). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly publish = (): void => {
    this.timer = undefined;
    this.last = Date.now();
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  };
}
