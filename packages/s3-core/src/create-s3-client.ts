import { S3Client } from "@aws-sdk/client-s3";
import { resolveS3Config } from "./s3-config.js";
import type { S3Config } from "./s3-config.js";

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
  });
}
