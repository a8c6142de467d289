import { WorkerPool } from "./worker-pool";

/** Workers hashing at once; two keep up with a fast uplink while leaving cores to the page. */
export const HASH_WORKERS = 2;

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
    postMessage({ result: sums });
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

interface HashJob {
  blob: Blob;
  start: number;
  lengths: readonly number[];
}

/**
 * A few reused Web Workers hashing Blob slices with WebCrypto (see {@link WorkerPool}), so hashing a 1 GiB file
 * never blocks the page. Hashes on the calling thread where workers are missing (Node) or refused (CSP).
 */
export class Sha256Pool {
  private readonly pool: WorkerPool<HashJob, string[]>;

  constructor(size = HASH_WORKERS) {
    this.pool = new WorkerPool({
      source: WORKER_SOURCE,
      size,
      what: "hashing a part",
      onThisThread: (job) => sha256OnThisThread(job.blob, job.start, job.lengths),
    });
  }

  /** Workers running now (for tests). */
  get workers(): number {
    return this.pool.workers;
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
    return this.pool.run({ blob, start, lengths });
  }

  /** Lets the workers go now if nothing is queued or running (an upload ended). */
  closeIfIdle(): void {
    this.pool.closeIfIdle();
  }
}
