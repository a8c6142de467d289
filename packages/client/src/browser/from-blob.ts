import type { UploadSource } from "../types";

/** Options of {@link fromBlob}: a `File` has a name and type of its own, a bare `Blob` needs them. */
export interface FromBlobOptions {
  name?: string;
  type?: string;
}

function base64(buffer: ArrayBuffer): string {
  let binary = "";
  const bytes = new Uint8Array(buffer);
  // Chunked so String.fromCharCode never gets more arguments than the engine allows.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A `Blob` or `File` as an upload source. Parts are `blob.slice()`s (no bytes read until sent); checksums read one
 * part at a time through WebCrypto. Seekable and resumable (fingerprint: name, size, lastModified, first 64 KiB).
 */
export function fromBlob(blob: Blob, options: FromBlobOptions = {}): UploadSource {
  const file = typeof File !== "undefined" && blob instanceof File ? blob : undefined;
  const name = options.name ?? file?.name;
  if (name === undefined || name === "") throw new TypeError("fromBlob needs a name for a Blob that is not a File");
  return {
    name,
    size: blob.size,
    type: options.type ?? (blob.type === "" ? "application/octet-stream" : blob.type),
    ...(file && { lastModified: file.lastModified }),
    seekable: true,
    part: (start, end) => Promise.resolve(blob.slice(start, end)),
    sha256: async (start, end) => base64(await crypto.subtle.digest("SHA-256", await blob.slice(start, end).arrayBuffer())),
    head: async (bytes) => new Uint8Array(await blob.slice(0, bytes).arrayBuffer()),
  };
}
