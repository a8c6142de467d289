import { randomFillSync } from "node:crypto";
import { Readable } from "node:stream";

const CHUNK = 1024 * 1024;
// One random MiB reused with a per-chunk stamp: incompressible-looking data without holding a part in memory.
const base = randomFillSync(Buffer.alloc(CHUNK));

/** A readable of `size` bytes for part `seed`, generated chunk by chunk. */
export function partStream(size: number, seed: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= size) {
        this.push(null);
        return;
      }
      const n = Math.min(CHUNK, size - sent);
      const chunk = Buffer.from(base.subarray(0, n));
      chunk.writeUInt32BE(seed, 0);
      chunk.writeUInt32BE(sent / CHUNK, 4);
      sent += n;
      this.push(chunk);
    },
  });
}
