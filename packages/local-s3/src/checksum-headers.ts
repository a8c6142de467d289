import type { IncomingHttpHeaders } from "node:http";
import { S3Error } from "./errors";

/** Every additional checksum S3 defines, as named in `x-amz-checksum-<name>`. */
export const CHECKSUM_NAMES = ["crc32", "crc32c", "crc64nvme", "sha1", "sha256"] as const;

/** One request header as a string, or null when absent (or repeated). */
export function header(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name];
  return typeof value === "string" ? value : null;
}

/** Whether `value` is canonical base64 of exactly `bytes` bytes. */
export function isBase64Of(value: string, bytes: number): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, "base64").length === bytes;
}

/** S3's form of a CRC32 (`x-amz-checksum-crc32`): the 4 bytes big-endian, in base64. */
export function crc32Bytes(crc: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc >>> 0);
  return out;
}

/** S3's answer to an algorithm name it does not define. */
export function unsupportedAlgorithm(): S3Error {
  return new S3Error("InvalidRequest", "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
}

/**
 * `x-amz-sdk-checksum-algorithm` (sent by the AWS SDKs beside the checksum they computed) must name an algorithm
 * S3 knows and come with that checksum, as a header or a trailer; otherwise 400 InvalidRequest as AWS answers.
 */
export function checkSdkAlgorithm(headers: IncomingHttpHeaders): void {
  const value = header(headers, "x-amz-sdk-checksum-algorithm");
  if (value === null) return;
  const name = value.toLowerCase();
  if (!(CHECKSUM_NAMES as readonly string[]).includes(name)) throw unsupportedAlgorithm();
  if (headers[`x-amz-checksum-${name}`] !== undefined || headers["x-amz-trailer"] !== undefined) return;
  const sent = CHECKSUM_NAMES.some((other) => headers[`x-amz-checksum-${other}`] !== undefined);
  throw new S3Error("InvalidRequest", sent
    ? "Value for x-amz-sdk-checksum-algorithm header is invalid."
    : "x-amz-sdk-checksum-algorithm specified, but no corresponding x-amz-checksum-* or x-amz-trailer headers were found.");
}
