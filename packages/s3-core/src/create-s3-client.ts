import { S3Client } from "@aws-sdk/client-s3";
import { resolveS3Config } from "./s3-config.js";
import type { S3Config } from "./s3-config.js";

/**
 * Tries per S3 call, first included, in the SDK's `standard` retry mode: 5xx, timeouts and throttling (`503
 * SlowDown`, backed off from a 500 ms base) are retried with full jitter. The SDK's own defaults, pinned because
 * callers build on them: a call still throttled after these fails as INTERNAL naming storage throttling, and
 * Hoist's clients retry that call (4 times), so one throttled procedure reaches storage at most 12 times.
 */
export const S3_MAX_ATTEMPTS = 3;

/**
 * An SDK client for `config`. Checksums are computed and validated only when an operation requires them: since
 * SDK 3.729 the default adds CRC32 parameters to presigned URLs and aws-chunked bodies, which presigned browser
 * PUTs cannot satisfy and several S3-compatible stores reject. Hoist asks for checksums explicitly instead.
 */
export function createS3Client(config: S3Config): S3Client {
  const resolved = resolveS3Config(config);
  return new S3Client({
    region: resolved.region,
    // Only pass an endpoint when one was configured, so AWS keeps its own endpoint rules (virtual hosts, FIPS).
    ...(config.endpoint === undefined ? {} : { endpoint: resolved.endpoint }),
    forcePathStyle: resolved.forcePathStyle,
    ...(resolved.credentials === undefined ? {} : { credentials: resolved.credentials }),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: S3_MAX_ATTEMPTS,
    retryMode: "standard",
  });
}
