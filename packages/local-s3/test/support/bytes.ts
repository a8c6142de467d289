import { createHash } from "node:crypto";
import { crc32 } from "node:zlib";
import { Crc64NvmeJs } from "@aws-sdk/checksums";

export const MiB = 1024 * 1024;

/** Deterministic bytes: a xorshift32 stream from `seed`, so a failing case can be reproduced byte for byte. */
export function patternBytes(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size);
  let x = seed >>> 0 || 0x9e3779b9;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

export function md5Base64(data: Buffer | string): string {
  return createHash("md5").update(data).digest("base64");
}

export function md5Hex(data: Buffer | string): string {
  return createHash("md5").update(data).digest("hex");
}

export function sha256Base64(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("base64");
}

export function sha256Hex(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** CRC32 as S3 wants it in `x-amz-checksum-crc32`: the big-endian 4 bytes, base64. */
export function crc32Base64(data: Buffer | string): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(data));
  return out.toString("base64");
}

/** ETag S3 gives a completed multipart object: md5 of the concatenated binary part md5s, then `-<part count>`. */
export function multipartEtag(parts: Buffer[]): string {
  const digests = Buffer.concat(parts.map((p) => createHash("md5").update(p).digest()));
  return `"${createHash("md5").update(digests).digest("hex")}-${parts.length}"`;
}

/**
 * CRC64NVME as S3 wants it in `x-amz-checksum-crc64nvme` (8 bytes big-endian, base64), computed by the AWS SDK's
 * pure-JS hasher: independent of the store's (@hoist/checksums), so a shared bug cannot pass unseen.
 */
export async function crc64Base64(data: Buffer | string): Promise<string> {
  const hasher = new Crc64NvmeJs();
  hasher.update(typeof data === "string" ? Buffer.from(data) : data);
  return Buffer.from(await hasher.digest()).toString("base64");
}
