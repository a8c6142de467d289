/**
 * `@hoist/server/testing`: the server's integration kit for other workspaces' tests (CLI, client engine): a real
 * API on loopback over local-s3 or HOIST_TEST_S3_*, on PGlite or a throwaway Postgres.
 */
export { partFloor, startHarness, TEST_SECRET, testRoutes, type Harness, type HarnessOptions } from "./harness";
export { putSigned } from "./http";
export { connectionParamsClient, eventClient, recordEvents, subscribed, type EventLog } from "./events";
export { startMainProcess, type MainProcess } from "./main-process";
export { sweepOnNextStart, type SweepOutcome } from "./next-start-sweep";
export { allowBrowserUploads } from "./browser-cors";
export { faultStackSkipReason, startFaultStack, type FaultStack, type FaultStackOptions } from "./fault-stack";
/** Tries the server's SDK makes per S3 call: a SlowDown burst one longer outlasts them. */
export { S3_MAX_ATTEMPTS } from "@hoist/s3-core";
export type { BurstOptions, FaultProxy, ProxiedRequest, SlowDownBurst } from "@hoist/local-s3/testing";
export { DATABASES, startStack, type Stack } from "./matrix";
// For other workspaces' fault tests, which run the server as a process on a Postgres they stop or share.
export { skipPostgres, startPostgres, testDatabaseUrl, type PostgresServer } from "@hoist/db/testing";
export { s3Profile, s3Provider, startS3Target, type S3Target } from "./s3-target";
export { putParts, sha256, testBytes, uploadFile } from "./upload";
