import { canStartInlineWorkers, InlineScript } from "./inline-script";

/** Workers hashing at once; two keep up with a fast uplink while leaving cores to the page. */
export const HASH_WORKERS = 2;
/** Workers idle this long are let go (a new upload starts them again in a few ms). */
const IDLE_MS = 2_000;

// Runs in the worker: slicing, reading and digesting there keep the browser round trip of slice(), the copy and
// the hashing off the main thread. One read covers a few parts (`lengths`, back to back from `start`): Chromium's
// cost per Blob read is high, so fewer, larger reads use less CPU.
const WORKER_SOURCE = `onmessage = async (event) => {
  try {
    const { blob, start, lengths } = event.data;
    const total = lengths.reduce((sum, length) => sum + length, 0);
    const bytes = await blob.slice(start, start + total).arrayBuffer();
    const sums = [];
    let at = 0;
    for (const length of lengths) {
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(bytes, at, length)));
      at += length;
      let binary = "";
      for (const byte of digest) binary += String.fromCharCode(byte);
      sums.push(btoa(binary));
    }
    postMessage({ sums });
  } catch (error) {
    postMessage({ error: String((error && error.message) || error) });
  }
};`;

function base64(buffer: ArrayBuffer): string {
  let binary = "";
  for (const byte of new Uint8Array(buffer)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** SHA-256 (base64) of each back-to-back piece of `blob` from `start`, on the calling thread: where workers are missing or refused. */
export async function sha256OnThisThread(blob: Blob, start: number, lengths: readonly number[]): Promise<string[]> {
  const bytes = await blob.slice(start, start + lengths.reduce((sum, length) => sum + length, 0)).arrayBuffer();
  const sums: string[] = [];
  let at = 0;
  for (const length of lengths) {
    sums.push(base64(await crypto.subtle.digest("SHA-256", new Uint8Array(bytes, at, length))));
    at += length;
  }
  return sums;
}

interface Task {
  blob: Blob;
  start: number;
  lengths: readonly number[];
  resolve: (sums: string[]) => void;
  reject: (reason: unknown) => void;
}

interface Slot {
  worker: Worker;
  task?: Task | undefined;
}

/**
 * A few reused Web Workers (an inline script from a Blob URL: no extra file for bundlers to place) hashing
 * Blob slices with WebCrypto, so hashing a 1 GiB file never blocks the page. Tasks queue FIFO across all
 * uploads. Falls back to the calling thread where `Worker` is missing (Node) or refused (a CSP without `blob:`).
 */
export class Sha256Pool {
  private slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly script = new InlineScript(WORKER_SOURCE);
  private broken = !canStartInlineWorkers();
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly size = HASH_WORKERS) {}

  /** Workers running now (for tests). */
  get workers(): number {
    return this.slots.length;
  }

  /** SHA-256 (base64, as `x-amz-checksum-sha256` wants it) of `[start, end)` of `blob`. */
  async hash(blob: Blob, start = 0, end = blob.size): Promise<string> {
    const [sum] = await this.hashPieces(blob, start, [end - start]);
    return sum ?? "";
  }

  /** SHA-256 (base64) of each back-to-back piece of `blob` from `start` (`lengths` within the blob), in one read. */
  hashPieces(blob: Blob, start: number, lengths: readonly number[]): Promise<string[]> {
    const end = start + lengths.reduce((sum, length) => sum + length, 0);
    if (start < 0 || end > blob.size || lengths.some((length) => length < 0)) return Promise.reject(new RangeError("pieces must lie within the blob"));
    if (this.broken) return sha256OnThisThread(blob, start, lengths);
    return new Promise<string[]>((resolve, reject) => {
      this.queue.push({ blob, start, lengths, resolve, reject });
      this.pump();
    });
  }

  /** Lets the workers go now if nothing is queued or running (an upload ended). */
  closeIfIdle(): void {
    if (this.queue.length === 0 && this.slots.every((slot) => slot.task === undefined)) this.terminate();
  }

  private pump(): void {
    clearTimeout(this.idle);
    while (this.queue.length > 0 && !this.broken) {
      const slot = this.slots.find((candidate) => candidate.task === undefined) ?? this.spawn();
      if (slot === undefined) return;
      const task = this.queue.shift();
      slot.task = task;
      slot.worker.postMessage(task && { blob: task.blob, start: task.start, lengths: task.lengths });
    }
    if (this.slots.every((slot) => slot.task === undefined)) this.idle = setTimeout(() => { this.terminate(); }, IDLE_MS);
  }

  private spawn(): Slot | undefined {
    if (this.slots.length >= this.size) return undefined;
    let worker: Worker;
    try {
      worker = this.script.start();
    } catch {
      this.fallBack(undefined);
      return undefined;
    }
    const slot: Slot = { worker };
    worker.onmessage = (event: MessageEvent<{ sums?: string[]; error?: string }>) => {
      const { task } = slot;
      slot.task = undefined;
      if (event.data.sums !== undefined) task?.resolve(event.data.sums);
      else task?.reject(new Error(`hashing a part failed: ${event.data.error ?? "unknown error"}`));
      this.pump();
    };
    worker.onerror = (event) => {
      event.preventDefault(); // the worker could not start (CSP) or died: hash on this thread from now on
      this.fallBack(slot.task);
    };
    this.slots.push(slot);
    return slot;
  }

  /** Workers are unusable here: every waiting hash (and `task`, when a worker dropped it) runs on this thread. */
  private fallBack(task: Task | undefined): void {
    this.broken = true;
    const orphans = [...this.slots.map((slot) => slot.task), task, ...this.queue.splice(0)];
    this.terminate();
    for (const orphan of new Set(orphans)) if (orphan !== undefined) sha256OnThisThread(orphan.blob, orphan.start, orphan.lengths).then(orphan.resolve, orphan.reject);
  }

  private terminate(): void {
    clearTimeout(this.idle);
    for (const slot of this.slots) slot.worker.terminate();
    this.slots = [];
    this.script.release();
  }
}
