import { open } from "node:fs/promises";
import { crc64Of } from "../crc64-sum";
import { UploadError } from "../errors";
import type { PartBody, ReadWithCrc64Options } from "../types";
import { fileRange, readRange } from "./file-range";
import type { BufferPool } from "./file-range";
import type { PartBuffers } from "./part-buffers";

/** Reads `[start, end)` of `path` into `buffer` (one read call, more only if the OS returns less). */
async function readWhole(path: string, start: number, end: number, buffer: Buffer): Promise<Buffer> {
  const file = await open(path, "r");
  try {
    for (let filled = 0; filled < buffer.length; ) {
      const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, start + filled);
      if (bytesRead === 0) {
        throw new UploadError("SOURCE_CHANGED", `${path} ended at byte ${start + filled}, before ${end}: the file changed during the upload`);
      }
      filled += bytesRead;
    }
    return buffer;
  } finally {
    await file.close();
  }
}

/**
 * A file part for a crc64nvme upload, read once: its bytes in a buffer lent from `parts` (the transport sends
 * exactly these; the buffer is given back once storage confirmed the part) and their CRC64NVME. A part over the
 * engine's memory budget (`streaming`) is summed through `pool`'s reused chunks and sent as a file range instead.
 */
export async function readFileWithCrc64(
  path: string,
  pools: { pool: BufferPool; parts: PartBuffers },
  range: { start: number; end: number },
  options: ReadWithCrc64Options = {},
): Promise<{ body: PartBody; crc64nvme: string }> {
  const { start, end } = range;
  if (options.streaming === true) {
    const body = fileRange(path, start, end);
    const crc64nvme = await crc64Of((hasher) =>
      readRange(body, pools.pool, 1, (chunk, done) => {
        hasher.update(chunk);
        done();
      }));
    return { body, crc64nvme };
  }
  const body = end <= start ? Buffer.alloc(0) : await readWhole(path, start, end, pools.parts.take(start, end - start));
  return { body, crc64nvme: await crc64Of((hasher) => { hasher.update(body); }) };
}
