import { createHash } from "node:crypto";
import { open, stat } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import type { UploadSource } from "../types";
import { BufferPool, CHUNK_BYTES, fileRange, readRange } from "./file-range";
import { PartBuffers } from "./part-buffers";
import { readFileWithCrc64 } from "./read-crc64";

// Enough to label the common cases right; anything else is octet-stream and the server sniffs it anyway.
const TYPES: Record<string, string> = {
  ".txt": "text/plain", ".csv": "text/csv", ".html": "text/html", ".css": "text/css", ".md": "text/markdown",
  ".js": "text/javascript", ".json": "application/json", ".xml": "application/xml", ".pdf": "application/pdf",
  ".zip": "application/zip", ".gz": "application/gzip", ".tar": "application/x-tar", ".wasm": "application/wasm",
  ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
  ".svg": "image/svg+xml", ".avif": "image/avif", ".mp4": "video/mp4", ".webm": "video/webm", ".mov": "video/quicktime",
  ".mp3": "audio/mpeg", ".wav": "audio/wav", ".ogg": "audio/ogg",
};

/** The MIME type for a file name's extension, `application/octet-stream` when unknown. */
export function typeFromName(name: string): string {
  return TYPES[extname(name).toLowerCase()] ?? "application/octet-stream";
}

/** The first `bytes` of the file (for the resume fingerprint). */
async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const file = await open(path, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

/** Options of {@link fromPath}. */
export interface FromPathOptions {
  /** MIME type; guessed from the extension when left out. */
  type?: string;
  /** Name to store; the file's base name when left out. */
  name?: string;
}

/**
 * A file on disk as an upload source. Each part is a file range the transport reads itself, with its own file
 * descriptor per attempt (a shared one would be closed under the other parts when one attempt is destroyed).
 * Parts can go in parallel and nothing but the chunks in flight is held. Seekable and resumable.
 */
export async function fromPath(path: string, options: FromPathOptions = {}): Promise<UploadSource> {
  const absolute = resolve(path);
  const info = await stat(absolute);
  if (!info.isFile()) throw new Error(`${path} is not a regular file`);
  // Hashing reads through the same kind of reused buffers as the transport: one chunk per part being hashed.
  const pool = new BufferPool(CHUNK_BYTES, 8);
  const parts = new PartBuffers();
  const digest = async (algorithm: "sha256" | "md5", start: number, end: number, encoding: "base64" | "hex") => {
    const hash = createHash(algorithm);
    await readRange(fileRange(absolute, start, end), pool, 1, (chunk, done) => {
      hash.update(chunk);
      done();
    });
    return hash.digest(encoding);
  };
  const name = options.name ?? basename(absolute);
  return {
    name,
    size: info.size,
    type: options.type ?? typeFromName(name),
    lastModified: Math.trunc(info.mtimeMs),
    seekable: true,
    path: absolute,
    part(start, end) {
      return Promise.resolve(end <= start ? new Uint8Array(0) : fileRange(absolute, start, end));
    },
    readWithCrc64: (start, end, readOptions) => readFileWithCrc64(absolute, { pool, parts }, { start, end }, readOptions),
    release: (start) => {
      parts.give(start);
    },
    close: () => {
      parts.clear();
      return Promise.resolve();
    },
    sha256: (start, end) => digest("sha256", start, end, "base64"),
    md5: (start, end) => digest("md5", start, end, "hex"),
    head: (bytes) => readHead(absolute, Math.min(bytes, info.size)),
  };
}
