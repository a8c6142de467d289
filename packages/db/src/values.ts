/** Lifecycle states of an upload session; the API decides which transitions are legal. */
export const SESSION_STATUSES = ["uploading", "completing", "complete", "aborted", "expired"] as const;
/** How an upload session moves its bytes: one presigned PUT or an S3 multipart upload. */
export const STRATEGIES = ["single", "multipart"] as const;
/** Checksum modes a client may ask for when it creates an upload. */
export const CHECKSUMS = ["sha256", "none"] as const;

/** A value of `upload_sessions.status`. */
export type SessionStatus = (typeof SESSION_STATUSES)[number];
/** A value of `upload_sessions.strategy`. */
export type Strategy = (typeof STRATEGIES)[number];
/** A value of `upload_sessions.checksum`. */
export type ChecksumMode = (typeof CHECKSUMS)[number];

/** Statuses in which S3 may still hold bytes for the session (the sweeper's "live" set). */
export const LIVE_STATUSES = ["uploading", "completing"] as const satisfies readonly SessionStatus[];
