import type { ProviderProfile } from "./provider-profile.js";

/** Identifies one multipart upload. */
export interface UploadRef {
  bucket: string;
  key: string;
  uploadId: string;
  /** How the store spells "no such upload"; unset accepts both NoSuchUpload and NoSuchKey. */
  profile?: Pick<ProviderProfile, "abortedUploadError">;
}
