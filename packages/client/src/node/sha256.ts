import { createHash } from "node:crypto";
import type { Readable } from "node:stream";

/** Digest of everything `stream` yields, without holding it: hashing streams over the part's bytes. */
export async function digestStream(algorithm: "sha256" | "md5", stream: Readable, encoding: "base64" | "hex"): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest(encoding);
}

/** SHA-256 (base64, as `x-amz-checksum-sha256` wants it) of bytes in memory. */
export function sha256Base64(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64");
}

/** MD5 (hex, as a plain S3 ETag holds it) of bytes in memory. */
export function md5Hex(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}
