/**
 * `@hoist/api/testing`: real deps for tests of the API and of what stands on it (PGlite, local-s3, the server's
 * auth and options), `createCaller` bound to a user, and the test secret, log and routes apps/server's harness shares.
 */
export { startTestApi, TEST_PART_FLOOR, type Caller, type TestApi, type TestApiOptions } from "./test-api";
export { routesWithFloor, TEST_SECRET, testClock, testLog, type TestClock } from "./test-config";
export { errorShape, rejection } from "./error-shape";
export { putSigned, type SignedPut } from "./put-signed";
