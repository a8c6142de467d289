import type { UploadSource } from "../types";
import { BlobSlicer, sliceAhead } from "./blob-slicer";
import { Crc64Reader } from "./crc64-reader";
import { Sha256Pool } from "./sha256-pool";

/** One pool for every Blob source of the page, so many queued files share two hashing workers. */
const pool = new Sha256Pool();
/** One pool for every Blob source of the page: parts read once and summed (CRC64NVME) in two workers. */
const reader = new Crc64Reader();
/** One slicer worker for every Blob source of the page: no part is sliced on the main thread. */
const slicer = new BlobSlicer();

/** Options of {@link fromBlob}: a `File` has a name and type of its own, a bare `Blob` needs them. */
export interface FromBlobOptions {
  name?: string;
  type?: string;
}

/**
 * A `Blob` or `File` as an upload source. With CRC64NVME (the default) a part is read once in a Web Worker, which
 * sums it and hands the bytes back to send. Otherwise parts are `blob.slice()`s (no bytes read until sent), made in
 * a worker (a slice is a blocking browser round trip in Chromium), and SHA-256 sums are hashed in Web Workers, a
 * few parts per read. All of it runs on the calling thread where workers are unavailable. Seekable and resumable
 * (fingerprint: name, size, lastModified, first 64 KiB).
 */
export function fromBlob(blob: Blob, options: FromBlobOptions = {}): UploadSource & Required<Pick<UploadSource, "readWithCrc64">> {
  const file = typeof File !== "undefined" && blob instanceof File ? blob : undefined;
  const name = options.name ?? file?.name;
  if (name === undefined || name === "") throw new TypeError("fromBlob needs a name for a Blob that is not a File");
  const part = sliceAhead(slicer, blob);
  return {
    name,
    size: blob.size,
    type: options.type ?? (blob.type === "" ? "application/octet-stream" : blob.type),
    ...(file && { lastModified: file.lastModified }),
    seekable: true,
    part: (start, end) => part(start, end),
    readWithCrc64: async (start, end, read) => {
      if (read?.streaming !== true) return reader.read(blob, start, end);
      // Over the engine's memory budget: summed by a chunked read in the worker, sent as a slice read again.
      const [body, crc64nvme] = await Promise.all([part(start, end), reader.sum(blob, start, end)]);
      return { body, crc64nvme };
    },
    sha256: (start, end) => pool.hash(blob, start, end),
    sha256Parts: (ranges) => {
      const first = ranges[0];
      if (!first) return Promise.resolve([]);
      return pool.hashPieces(blob, first.start, ranges.map((range) => range.end - range.start));
    },
    head: async (length) => new Uint8Array(await blob.slice(0, length).arrayBuffer()),
    close: () => {
      pool.closeIfIdle();
      reader.closeIfIdle();
      return Promise.resolve();
    },
  };
}
