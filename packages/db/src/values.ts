import type { SessionStatus } from "@hoist/contract/core";

// The column value sets are the contract's, so a status or mode added there reaches the CHECK constraints too.
export { CHECKSUM_VERIFIERS, CHECKSUMS, SESSION_STATUSES, STRATEGIES } from "@hoist/contract/core";
export type { ChecksumMode, ChecksumVerifier, SessionStatus, UploadStrategy } from "@hoist/contract/core";

/** Statuses in which S3 may still hold bytes for the session (the sweeper's "live" set). */
export const LIVE_STATUSES = ["uploading", "completing"] as const satisfies readonly SessionStatus[];
