/**
 * Combining CRC64NVME values: the CRC of A‖B from crc(A), crc(B) and B's length, without reading A or B again
 * (zlib's crc32_combine, widened to 64 bits). Polynomials here are bit-reversed: the top bit is x^0.
 */
const REFLECTED_POLY = 0x9a6c9329ac4bc9b5n;
const TOP = 1n << 63n;
const MASK = (1n << 64n) - 1n;

/** a·b mod P, both reflected. */
function multModP(a: bigint, b: bigint): bigint {
  let product = 0n;
  let m = TOP;
  let bb = b;
  for (;;) {
    if ((a & m) !== 0n) {
      product ^= bb;
      if ((a & (m - 1n)) === 0n) break;
    }
    m >>= 1n;
    bb = (bb & 1n) !== 0n ? (bb >> 1n) ^ REFLECTED_POLY : bb >> 1n;
  }
  return product;
}

/** X2N[k] = x^(2^k) mod P. */
const X2N: bigint[] = (() => {
  const table: bigint[] = [1n << 62n]; // x^1
  for (let k = 1; k < 64; k += 1) {
    const previous = table[k - 1] ?? 0n;
    table.push(multModP(previous, previous));
  }
  return table;
})();

/** x^(n·2^k) mod P: shifting by n bytes is k = 3. */
function x2nModP(n: number, k: number): bigint {
  let power = TOP; // x^0
  let rest = BigInt(n);
  let bit = k;
  while (rest > 0n) {
    if ((rest & 1n) !== 0n) power = multModP(X2N[bit % 64] ?? 0n, power);
    rest >>= 1n;
    bit += 1;
  }
  return power;
}

/** crc(A‖B), given crc(A), crc(B) and B's length in bytes. */
export function combineCrc64Nvme(crcA: bigint, crcB: bigint, lengthB: number): bigint {
  if (!Number.isSafeInteger(lengthB) || lengthB < 0) throw new RangeError(`lengthB must be a whole number of bytes; got ${lengthB}`);
  return (multModP(x2nModP(lengthB, 3), crcA & MASK) ^ (crcB & MASK)) & MASK;
}

/** The whole object's CRC from its parts' CRCs and sizes, in order (the CRC of nothing is 0). */
export function combineParts(parts: readonly { crc: bigint; size: number }[]): bigint {
  return parts.reduce((whole, part) => combineCrc64Nvme(whole, part.crc, part.size), 0n);
}
