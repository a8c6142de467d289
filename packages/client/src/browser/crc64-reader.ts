import { crc64ToBase64, createCrc64Nvme } from "@hoist/checksums";
import type { Crc64Nvme } from "@hoist/checksums";
import { CRC64_WORKER_SOURCE } from "./crc64-worker-source";
import type { Crc64Job, Crc64Result } from "./worker-protocol";
import { WorkerPool } from "./worker-pool";

/** Workers reading and summing at once: two outpace a fast uplink (hash-wasm sums ~1.5 GB/s per core). */
export const CRC64_WORKERS = 2;

let onThisThreadHasher: Promise<Crc64Nvme> | undefined;

/** The worker's job on the calling thread, where workers are missing (Node) or refused (a CSP without `blob:`). */
async function readOnThisThread({ blob, start, end, streaming }: Crc64Job): Promise<Crc64Result> {
  if (streaming === true) {
    const hasher = await createCrc64Nvme(); // its own: other jobs run while this one awaits its chunks
    const reader = blob.slice(start, end).stream().getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) hasher.update(chunk.value);
    return { crc64nvme: crc64ToBase64(hasher.digest()) };
  }
  onThisThreadHasher ??= createCrc64Nvme();
  const [bytes, hasher] = await Promise.all([blob.slice(start, end).arrayBuffer(), onThisThreadHasher]);
  hasher.reset();
  hasher.update(new Uint8Array(bytes));
  return { body: bytes, crc64nvme: crc64ToBase64(hasher.digest()) };
}

/**
 * Reads Blob ranges in Web Workers, each read once: the worker sums the bytes with CRC64NVME (hash-wasm) and
 * hands them back as a Blob, so the page only receives something to send. Reading and summing never block the page.
 */
export class Crc64Reader {
  private readonly pool: WorkerPool<Crc64Job, Crc64Result>;

  constructor(size = CRC64_WORKERS) {
    this.pool = new WorkerPool({ source: CRC64_WORKER_SOURCE, size, what: "reading and summing a part", onThisThread: readOnThisThread });
  }

  /** Workers running now (for tests). */
  get workers(): number {
    return this.pool.workers;
  }

  /** `[start, end)` of `blob`: its bytes (a Blob of them from a worker) and their CRC64NVME in S3's base64 form. */
  async read(blob: Blob, start: number, end: number): Promise<{ body: Blob | Uint8Array; crc64nvme: string }> {
    const { body, crc64nvme } = await this.pool.run(this.job(blob, start, end, false));
    return { body: body instanceof Blob ? body : new Uint8Array(body ?? new ArrayBuffer(0)), crc64nvme };
  }

  /** The CRC64NVME of `[start, end)` of `blob`, read in chunks and not kept (a part too large to hold). */
  async sum(blob: Blob, start: number, end: number): Promise<string> {
    return (await this.pool.run(this.job(blob, start, end, true))).crc64nvme;
  }

  private job(blob: Blob, start: number, end: number, streaming: boolean): Crc64Job {
    if (start < 0 || end > blob.size || end < start) throw new RangeError("the range must lie within the blob");
    return { blob, start, end, streaming };
  }

  /** Lets the workers go now if nothing is queued or running (an upload ended). */
  closeIfIdle(): void {
    this.pool.closeIfIdle();
  }
}
