/** Messages between the page and its pool workers (see worker-pool.ts). */

/**
 * What the page asks the CRC64NVME worker: `[start, end)` of `blob`, read whole, or with `streaming` read in
 * chunks and only summed (a part over the engine's memory budget: its bytes are read again when sent).
 */
export interface Crc64Job {
  blob: Blob;
  start: number;
  end: number;
  streaming?: boolean;
}

/**
 * The range's CRC64NVME in S3's base64 form and, unless streaming, its bytes: from a worker as a Blob made of
 * the bytes read there (the bytes summed are the bytes sent), on the calling thread as the bytes themselves.
 */
export interface Crc64Result {
  body?: Blob | ArrayBuffer;
  crc64nvme: string;
}

/** A pool worker's answer: a result, or why there is none. */
export type WorkerReply<T> = { result: T; error?: undefined } | { result?: undefined; error: string };

export type Crc64Reply = WorkerReply<Crc64Result>;
