/**
 * What each S3 implementation does where it departs from AWS. The suite reads these flags so a known gap is named
 * in a test title (and either asserted as the provider's documented behaviour or skipped), never silently hidden.
 * `local` (our embedded store) follows AWS in every case.
 */
export type ProviderName = "local" | "aws" | "ceph" | "minio" | "r2";

export interface ProviderProfile {
  /** Verifies `x-amz-checksum-*` request headers (false: accepts any value). */
  checksumHeaders: boolean;
  /** CompleteMultipartUpload with parts listed out of ascending order. */
  outOfOrderComplete: "rejected" | "accepted";
  /** ETag in the CompleteMultipartUpload response body ("empty": read it with HeadObject). */
  completeEtag: "multipart" | "empty";
  /** Error code for ListParts/UploadPart/Complete on an aborted upload id. */
  afterAbort: "NoSuchUpload" | "NoSuchKey";
  /** Honours `If-None-Match: *` on PutObject and CompleteMultipartUpload. */
  conditionalWrites: boolean;
}

const AWS: ProviderProfile = {
  checksumHeaders: true,
  outOfOrderComplete: "rejected",
  completeEtag: "multipart",
  afterAbort: "NoSuchUpload",
  conditionalWrites: true,
};

export const PROVIDERS: Record<ProviderName, ProviderProfile> = {
  local: AWS,
  aws: AWS,
  minio: AWS,
  r2: AWS,
  // Measured against Ceph RGW 16 (Pacific).
  ceph: {
    ...AWS,
    checksumHeaders: false,
    outOfOrderComplete: "accepted",
    completeEtag: "empty",
    afterAbort: "NoSuchKey",
  },
};

/** Parses `HOIST_TEST_S3_PROVIDER`; an unknown name is an error rather than a silent AWS profile. */
export function providerName(value: string | undefined, fallback: ProviderName): ProviderName {
  if (value === undefined || value === "") return fallback;
  if (value in PROVIDERS) return value as ProviderName;
  throw new Error(`HOIST_TEST_S3_PROVIDER=${value} is not one of ${Object.keys(PROVIDERS).join(", ")}`);
}
