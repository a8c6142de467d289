import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import { Readable } from "node:stream";
import type { UploadSource } from "../types";
import { digestStream } from "./sha256";

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

/** Options of {@link fromPath}. */
export interface FromPathOptions {
  /** MIME type; guessed from the extension when left out. */
  type?: string;
  /** Name to store; the file's base name when left out. */
  name?: string;
}

/**
 * A file on disk as an upload source. Each part is its own stream over its byte range, with its own file
 * descriptor: a shared descriptor would be closed under the other parts whenever one part's stream is destroyed
 * (a pause, a timeout), because `destroy()` closes the fd even with `autoClose: false`. Parts can go in parallel
 * and nothing but the part in flight is read. Seekable and resumable.
 */
export async function fromPath(path: string, options: FromPathOptions = {}): Promise<UploadSource> {
  const absolute = resolve(path);
  const info = await stat(absolute);
  if (!info.isFile()) throw new Error(`${path} is not a regular file`);
  const range = (start: number, end: number): Readable => createReadStream(absolute, { start, end: end - 1 });
  const digest = (algorithm: "sha256" | "md5", start: number, end: number, encoding: "base64" | "hex") =>
    digestStream(algorithm, end <= start ? emptyStream() : range(start, end), encoding);
  const name = options.name ?? basename(absolute);
  return {
    name,
    size: info.size,
    type: options.type ?? typeFromName(name),
    lastModified: Math.trunc(info.mtimeMs),
    seekable: true,
    path: absolute,
    part(start, end) {
      return Promise.resolve(end <= start ? new Uint8Array(0) : () => range(start, end));
    },
    sha256: (start, end) => digest("sha256", start, end, "base64"),
    md5: (start, end) => digest("md5", start, end, "hex"),
    async head(bytes) {
      const file = await open(absolute, "r");
      try {
        const buffer = Buffer.alloc(Math.min(bytes, info.size));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await file.close();
      }
    },
  };
}

async function* nothing(): AsyncGenerator<Buffer> {}
function emptyStream(): Readable {
  return Readable.from(nothing());
}
