/**
 * @hoist/client: the upload engine. Browser-safe (no `node:` imports); transports and sources live in
 * `@hoist/client/node` and `@hoist/client/browser`.
 */
export { createUploader, DEFAULT_CONCURRENCY, DEFAULT_SIGN_WINDOW, type CoreUploaderOptions } from "./uploader";
export { UploadError, isUploadError, hoistCodeOf } from "./errors";
export { ProgressMeter, throttle, PROGRESS_INTERVAL_MS } from "./progress";
export { Scheduler } from "./scheduler";
export { backoffDelay, retryPolicy } from "./retry";
export { fingerprintOf, FINGERPRINT_HEAD_BYTES } from "./fingerprint";
export type * from "./types";
export { isUnsized, type UnsizedSource } from "./stream-source";
