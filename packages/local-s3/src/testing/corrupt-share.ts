import type { RequestHead } from "./http-head.js";
import { seededRandom } from "./seeded-random.js";

/** Where the corrupt byte of one request body still lies: bytes to forward untouched before it. */
export interface Corruption {
  left: number;
}

/**
 * Picks the PUTs (with a counted body) whose body gets one byte flipped, a seeded `share` of them, and where in
 * the body: storage then sees the declared length with other bytes, as a flaky link or proxy would deliver them.
 * Its own PRNG, so turning corruption on leaves the other faults' sequence as it was.
 */
export function corruptPicker(share: number, seed: number): (head: RequestHead) => Corruption | undefined {
  const random = seededRandom(seed ^ 0xc0ffee);
  return (head) => {
    if (share <= 0 || head.method !== "PUT" || head.contentLength === 0 || head.chunked) return undefined;
    const draw = random();
    const at = Math.floor(random() * head.contentLength);
    return draw < share ? { left: at } : undefined;
  };
}

/**
 * Bytes of a body about to be forwarded, with the corrupt byte flipped (in a copy: the client's buffer is not
 * ours) when it falls inside them. `struck` is called once, when it does.
 */
export function corruptPiece(piece: Buffer, corruption: Corruption | undefined, struck: () => void): Buffer {
  if (corruption === undefined || corruption.left < 0) return piece;
  if (corruption.left >= piece.length) {
    corruption.left -= piece.length;
    return piece;
  }
  const copy = Buffer.from(piece);
  copy[corruption.left] = (copy[corruption.left] ?? 0) ^ 0xff;
  corruption.left = -1;
  struck();
  return copy;
}
