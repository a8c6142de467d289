import { crc64ToBase64, createCrc64Nvme } from "@hoist/checksums";
import type { Crc64Nvme } from "@hoist/checksums";
import type { PartBody } from "../types";
import { CRC64_WORKER_SOURCE } from "./crc64-worker-source";
import type { Crc64Job, Crc64Result } from "./worker-protocol";
import { WorkerPool } from "./worker-pool";

/** Workers reading and summing at once: two outpace a fast uplink (hash-wasm sums ~1.5 GB/s per core). */
export const CRC64_WORKERS = 2;

/** A range read once: the bytes to send and their CRC64NVME (base64). */
export interface Crc64Read {
  body: PartBody;
  crc64nvme: string;
}

let onThisThreadHasher: Promise<Crc64Nvme> | undefined;

/** The worker's job on the calling thread, where workers are missing (Node) or refused (a CSP without `blob:`). */
async function readOnThisThread({ blob, start, end }: Crc64Job): Promise<Crc64Result> {
  onThisThreadHasher ??= createCrc64Nvme();
  const [bytes, hasher] = await Promise.all([blob.slice(start, end).arrayBuffer(), onThisThreadHasher]);
  hasher.reset();
  hasher.update(new Uint8Array(bytes));
  return { bytes, crc64nvme: crc64ToBase64(hasher.digest()) };
}

/**
 * Reads Blob ranges in Web Workers, each read once: the worker sums the bytes with CRC64NVME (hash-wasm) and
 * transfers them back, so the page only receives a buffer to send. Reading and summing never block the page.
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

  /** `[start, end)` of `blob`: its bytes and their CRC64NVME in S3's base64 form. */
  async read(blob: Blob, start: number, end: number): Promise<Crc64Read> {
    if (start < 0 || end > blob.size || end < start) throw new RangeError("the range must lie within the blob");
    const { bytes, crc64nvme } = await this.pool.run({ blob, start, end });
    return { body: new Uint8Array(bytes), crc64nvme };
  }

  /** Lets the workers go now if nothing is queued or running (an upload ended). */
  closeIfIdle(): void {
    this.pool.closeIfIdle();
  }
}
