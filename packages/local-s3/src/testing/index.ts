// Test kit for suites that talk to an S3 endpoint: where to run (embedded local-s3 or HOIST_TEST_S3_*), HTTP sent
// exactly as written, and a fault proxy that stands in front of any loopback S3 (resets, hangs, 503 SlowDown
// shares and bursts). Test-only: nothing under src/ outside this folder imports it.
export { rawRequest, type RawRequestOptions, type RawResponse } from "./raw-http.js";
export { rawSocketRequest, sendOnSocket, type SendOnSocketOptions, type SocketOutcome } from "./raw-socket.js";
export { makeS3Client, type S3ClientInit } from "./s3-client.js";
export { startS3Target, testS3Provider, type Credentials, type S3Target, type S3TargetOptions } from "./s3-target.js";
export {
  isLoopbackEndpoint,
  startFaultProxy,
  type BurstOptions,
  type BurstRequest,
  type Fault,
  type FaultProxy,
  type FaultProxyOptions,
  type FaultStats,
  type OverloadOptions,
  type ProxiedRequest,
  type SlowDownBurst,
} from "./fault-proxy.js";
