/**
 * S3 error codes meaning the bytes that arrived are not the bytes the request declared: a checksum header (or
 * the signed payload hash) disagrees with the body. The client computed those values from the bytes it sent, so
 * the body was damaged on the way (a flaky NIC, proxy or link), and sending the same bytes again can succeed.
 */
const DAMAGED_CODES = new Set(["BadDigest", "XAmzContentSHA256Mismatch"]);

/** True when storage's 400 says the body arrived damaged: retried like a 5xx rather than failing the upload. */
export function damagedInFlight(status: number, errorBody: string | undefined): boolean {
  if (status !== 400 || errorBody === undefined) return false;
  const code = /<Code>([^<]*)<\/Code>/.exec(errorBody)?.[1] ?? "";
  if (DAMAGED_CODES.has(code)) return true;
  // AWS answers some checksum mismatches as InvalidRequest ("Value for x-amz-checksum-crc64nvme header is invalid.").
  const message = /<Message>([^<]*)<\/Message>/.exec(errorBody)?.[1] ?? "";
  return code === "InvalidRequest" && /checksum|digest/i.test(message);
}
