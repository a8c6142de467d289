import type { ProviderProfile } from "./provider-profile.js";

/**
 * The upload id is unknown to the store: aborted, completed, expired by a lifecycle rule, or never created.
 * Thrown instead of the provider's own error so callers need not know that Ceph calls this `NoSuchKey`.
 */
export class UploadNotFoundError extends Error {
  /** The upload id that was asked for. */
  readonly uploadId: string;

  /**
   * @param uploadId the id the store did not know
   * @param cause the SDK error, kept for logs
   */
  constructor(uploadId: string, cause: unknown) {
    super(`multipart upload ${uploadId} does not exist (aborted, completed or expired)`, { cause });
    this.name = "UploadNotFoundError";
    this.uploadId = uploadId;
  }
}

/** The S3 error code of an SDK error (`NoSuchKey`, `PreconditionFailed`...), or undefined for anything else. */
export function s3ErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { Code?: unknown }).Code;
  return typeof code === "string" ? code : error.name;
}

/** HTTP status of an SDK error, when the store answered at all. */
export function s3HttpStatus(error: unknown): number | undefined {
  if (!(error instanceof Error)) return undefined;
  const metadata = (error as { $metadata?: { httpStatusCode?: unknown } }).$metadata;
  const status = metadata?.httpStatusCode;
  return typeof status === "number" ? status : undefined;
}

/**
 * True when storage asked us to slow down: AWS's `503 SlowDown`, or the bare 503 or 429 other stores (and any S3
 * answering a HEAD, which has no body to name a code) send when busy. Seen by callers only once the SDK's own
 * retries ran out.
 */
export function isStorageThrottling(error: unknown): boolean {
  const status = s3HttpStatus(error);
  return status === 503 || status === 429 || s3ErrorCode(error) === "SlowDown";
}

/**
 * True when `error` is how this provider says "no such upload" (see {@link ProviderProfile.abortedUploadError}).
 * Without a profile both spellings count: on an upload-scoped call NoSuchKey can only mean the upload is gone.
 */
export function isNoSuchUpload(error: unknown, profile?: Pick<ProviderProfile, "abortedUploadError">): boolean {
  const code = s3ErrorCode(error);
  return code === "NoSuchUpload" || code === (profile?.abortedUploadError ?? "NoSuchKey");
}

/**
 * Runs an upload-scoped S3 call, turning the provider's "no such upload" into {@link UploadNotFoundError}.
 * Any other error passes through untouched.
 */
export async function withUpload<T>(
  uploadId: string,
  profile: Pick<ProviderProfile, "abortedUploadError"> | undefined,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isNoSuchUpload(error, profile)) throw new UploadNotFoundError(uploadId, error);
    throw error;
  }
}
