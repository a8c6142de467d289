import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
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
 * A file on disk as an upload source. The file is opened once (lazily, and again after `close()`), and each
 * part is a stream over its byte range from that handle: positional reads, so parts can go in parallel and
 * nothing but the part in flight is read. Seekable and resumable.
 */
export async function fromPath(path: string, options: FromPathOptions = {}): Promise<UploadSource> {
  const absolute = resolve(path);
  const info = await stat(absolute);
  if (!info.isFile()) throw new Error(`${path} is not a regular file`);
  let handle: Promise<FileHandle> | undefined;
  const file = () => (handle ??= open(absolute, "r"));
  // The numeric fd: streams given the FileHandle itself each add listeners to it, which pile up with parallel parts.
  const stream = (fd: number, start: number, end: number): Readable =>
    createReadStream("", { fd, start, end: end - 1, autoClose: false, emitClose: false });
  const range = async (start: number, end: number): Promise<Readable> => stream((await file()).fd, start, end);
  const name = options.name ?? basename(absolute);
  return {
    name,
    size: info.size,
    type: options.type ?? typeFromName(name),
    lastModified: Math.trunc(info.mtimeMs),
    seekable: true,
    path: absolute,
    async part(start, end) {
      if (end <= start) return new Uint8Array(0);
      const { fd } = await file();
      return () => stream(fd, start, end);
    },
    async sha256(start, end) {
      return end <= start ? digestStream("sha256", emptyStream(), "base64") : digestStream("sha256", await range(start, end), "base64");
    },
    async md5(start, end) {
      return end <= start ? digestStream("md5", emptyStream(), "hex") : digestStream("md5", await range(start, end), "hex");
    },
    async head(bytes) {
      const buffer = Buffer.alloc(Math.min(bytes, info.size));
      const { bytesRead } = await (await file()).read(buffer, 0, buffer.length, 0);
      return buffer.subarray(0, bytesRead);
    },
    async close() {
      const open = handle;
      handle = undefined;
      await (await open)?.close();
    },
  };
}

async function* nothing(): AsyncGenerator<Buffer> {}
function emptyStream(): Readable {
  return Readable.from(nothing());
}
