import { canStartInlineWorkers, InlineScript } from "./inline-script";

/** A slicer worker idle this long is let go (the next slice starts it again in a few ms). */
const IDLE_MS = 2_000;

// Runs in the worker: Blob.slice() there blocks the worker, not the page; the slice comes back by postMessage.
const WORKER_SOURCE = `onmessage = (event) => {
  const { id, blob, start, end } = event.data;
  postMessage({ id, slice: blob.slice(start, end) });
};`;

interface Pending {
  blob: Blob;
  start: number;
  end: number;
  resolve: (slice: Blob) => void;
}

/**
 * Takes `Blob.slice()` off the page's main thread. In Chromium every slice is a synchronous call to the browser
 * process (~0.13 ms idle, measured; tens of ms while the browser is busy sending a big file), which showed up as
 * 50-65 ms main-thread tasks during a 1 GiB upload. A worker slices instead and posts the slice back (receiving a
 * Blob costs ~0.2 us). Slices on the calling thread where workers are missing (Node) or refused (CSP).
 */
export class BlobSlicer {
  private worker: Worker | undefined;
  private readonly script = new InlineScript(WORKER_SOURCE);
  private broken = !canStartInlineWorkers();
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private idle: ReturnType<typeof setTimeout> | undefined;

  /** `blob.slice(start, end)`, made off this thread where possible. */
  slice(blob: Blob, start: number, end: number): Promise<Blob> {
    const worker = this.broken ? undefined : (this.worker ?? this.spawn());
    if (worker === undefined) return Promise.resolve(blob.slice(start, end));
    clearTimeout(this.idle);
    return new Promise<Blob>((resolve) => {
      this.nextId += 1;
      this.pending.set(this.nextId, { blob, start, end, resolve });
      worker.postMessage({ id: this.nextId, blob, start, end });
    });
  }

  private spawn(): Worker | undefined {
    try {
      this.worker = this.script.start();
    } catch {
      this.fallBack();
      return undefined;
    }
    this.worker.onmessage = (event: MessageEvent<{ id: number; slice: Blob }>) => {
      this.pending.get(event.data.id)?.resolve(event.data.slice);
      this.pending.delete(event.data.id);
      if (this.pending.size === 0) this.idle = setTimeout(() => { this.terminate(); }, IDLE_MS);
    };
    this.worker.onerror = (event) => {
      event.preventDefault(); // the worker could not start (CSP) or died: slice on this thread from now on
      this.fallBack();
    };
    return this.worker;
  }

  /** Workers are unusable here: every waiting slice is made on this thread, and every later one. */
  private fallBack(): void {
    this.broken = true;
    this.terminate();
    for (const { blob, start, end, resolve } of this.pending.values()) resolve(blob.slice(start, end));
    this.pending.clear();
  }

  private terminate(): void {
    clearTimeout(this.idle);
    this.worker?.terminate();
    this.worker = undefined;
    this.script.release();
  }
}

/** Slices asked for ahead of need by {@link sliceAhead}. */
export const SLICE_AHEAD = 4;

/**
 * `(start, end) => slice` for one Blob that also asks the slicer for the next `ahead` ranges of the same length:
 * parts are sent in order, so the slice a freed slot needs next is usually made already and sending does not
 * wait for the worker's round trip. A range asked for again (a retry) is sliced anew.
 */
export function sliceAhead(slicer: BlobSlicer, blob: Blob, ahead = SLICE_AHEAD): (start: number, end: number) => Promise<Blob> {
  const made = new Map<string, Promise<Blob>>();
  const take = (start: number, end: number) => {
    const key = `${start}:${end}`;
    const slice = made.get(key) ?? slicer.slice(blob, start, end);
    made.delete(key);
    return slice;
  };
  return (start, end) => {
    const slice = take(start, end);
    const length = end - start;
    for (let next = end, i = 0; i < ahead && length > 0 && next < blob.size; next += length, i += 1) {
      const key = `${next}:${Math.min(next + length, blob.size)}`;
      if (!made.has(key)) made.set(key, slicer.slice(blob, next, Math.min(next + length, blob.size)));
    }
    // Slices made for parts that were never sent (stored already, or the upload stopped) are let go.
    for (const key of made.keys()) if (made.size > 2 * ahead) made.delete(key);
    return slice;
  };
}
