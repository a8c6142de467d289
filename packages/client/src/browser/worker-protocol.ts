/** Messages between the page and its pool workers (see worker-pool.ts). */

/** What the page asks the CRC64NVME worker: `[start, end)` of `blob`. */
export interface Crc64Job {
  blob: Blob;
  start: number;
  end: number;
}

/** The range's bytes (transferred) and their CRC64NVME in S3's base64 form. */
export interface Crc64Result {
  bytes: ArrayBuffer;
  crc64nvme: string;
}

/** A pool worker's answer: a result, or why there is none. */
export type WorkerReply<T> = { result: T; error?: undefined } | { result?: undefined; error: string };

export type Crc64Reply = WorkerReply<Crc64Result>;
