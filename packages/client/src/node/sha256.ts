import { createHash } from "node:crypto";

/** SHA-256 (base64, as `x-amz-checksum-sha256` wants it) of bytes in memory. */
export function sha256Base64(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("base64");
}

/** MD5 (hex, as a plain S3 ETag holds it) of bytes in memory. */
export function md5Hex(bytes: Uint8Array): string {
  return createHash("md5").update(bytes).digest("hex");
}
