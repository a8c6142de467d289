import type { UploadSource } from "../types";
import { Sha256Pool } from "./sha256-pool";

/** One pool for every Blob source of the page, so many queued files share two hashing workers. */
const pool = new Sha256Pool();

/** Options of {@link fromBlob}: a `File` has a name and type of its own, a bare `Blob` needs them. */
export interface FromBlobOptions {
  name?: string;
  type?: string;
}

/**
 * A `Blob` or `File` as an upload source. Parts are `blob.slice()`s (no bytes read until sent); checksums are
 * hashed in Web Workers, a few parts per read (WebCrypto on the main thread where workers are unavailable). Seekable and resumable
 * (fingerprint: name, size, lastModified, first 64 KiB).
 */
export function fromBlob(blob: Blob, options: FromBlobOptions = {}): UploadSource {
  const file = typeof File !== "undefined" && blob instanceof File ? blob : undefined;
  const name = options.name ?? file?.name;
  if (name === undefined || name === "") throw new TypeError("fromBlob needs a name for a Blob that is not a File");
  // Chromium re-checks a chosen File's size and date on disk with a blocking call to the browser process on every
  // slice() (tens of ms on a busy machine, on the page's main thread); slices of one Blob taken from it do not.
  const bytes = file ? blob.slice(0, blob.size, blob.type) : blob;
  return {
    name,
    size: blob.size,
    type: options.type ?? (blob.type === "" ? "application/octet-stream" : blob.type),
    ...(file && { lastModified: file.lastModified }),
    seekable: true,
    part: (start, end) => Promise.resolve(bytes.slice(start, end)),
    sha256: (start, end) => pool.hash(bytes.slice(start, end)),
    sha256Parts: (ranges) => {
      const first = ranges[0];
      const last = ranges.at(-1);
      if (!first || !last) return Promise.resolve([]);
      return pool.hashPieces(bytes.slice(first.start, last.end), ranges.map((range) => range.end - range.start));
    },
    head: async (length) => new Uint8Array(await bytes.slice(0, length).arrayBuffer()),
    close: () => {
      pool.closeIfIdle();
      return Promise.resolve();
    },
  };
}
