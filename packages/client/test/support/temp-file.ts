import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Writes `size` random bytes to `path` in 8 MiB chunks, so even GiB-sized files never sit in memory. */
export async function writeRandomFile(path: string, size: number): Promise<void> {
  const file = await open(path, "w");
  try {
    const chunk = randomBytes(Math.min(size, 8 * 1024 * 1024));
    for (let written = 0; written < size; ) {
      const length = Math.min(chunk.length, size - written);
      const { bytesWritten } = await file.write(chunk, 0, length, written);
      written += bytesWritten;
    }
  } finally {
    await file.close();
  }
}

/** SHA-256 (hex) of a file or stream, read chunk by chunk. */
export async function sha256Of(input: string | NodeJS.ReadableStream): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of typeof input === "string" ? createReadStream(input) : input) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** A fresh temp directory and the way to remove it with everything in it. */
export async function tempDir(prefix: string): Promise<{ dir: string; path(name: string): string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rm(dir, { recursive: true, force: true }) };
}
