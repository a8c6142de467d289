/**
 * @hoist/local-s3: a strict, generic S3-compatible server on local disk for development and tests.
 * Path-style addressing only (`/bucket/key`): clients set `forcePathStyle: true`.
 */
export { startLocalS3 } from "./server";
export type { BucketConfig, CorsRule, Credentials, LocalS3, LocalS3Options } from "./types";
