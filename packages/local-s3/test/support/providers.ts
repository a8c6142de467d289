/**
 * What each S3 implementation does where it departs from AWS. The suite reads these flags so a known gap is named
 * in a test title (and either asserted as the provider's documented behaviour or skipped), never silently hidden.
 * `local` (our embedded store) follows AWS in every case.
 */
export type ProviderName = "local" | "aws" | "ceph" | "minio" | "r2";

export type UploadOp = "listParts" | "uploadPart" | "complete" | "abort";

export interface S3ErrorAnswer {
  status: number;
  code: string;
}

const NO_SUCH_UPLOAD: S3ErrorAnswer = { status: 404, code: "NoSuchUpload" };

export interface ProviderProfile {
  /** Verifies `x-amz-checksum-*` request headers (false: accepts any value). */
  checksumHeaders: boolean;
  /** CompleteMultipartUpload with parts listed out of ascending order. */
  outOfOrderComplete: "rejected" | "accepted";
  /** ETag in the CompleteMultipartUpload response body ("empty": read it with HeadObject). */
  completeEtag: "multipart" | "empty";
  /** What each operation answers for an aborted or never-created upload id (AWS: 404 NoSuchUpload everywhere). */
  unknownUpload: Record<UploadOp, S3ErrorAnswer>;
  /** Error code of a rejected CORS preflight (always 403). */
  corsRejectCode: "AccessForbidden" | "AccessDenied";
  /** Fills `<Message>` of XML errors (false: the element is present but empty). */
  errorMessages: boolean;
  /** Honours `If-None-Match: *` on PutObject (412 when the key exists). */
  conditionalPut: boolean;
  /** Honours `If-None-Match: *` on CompleteMultipartUpload (412 when the key exists). */
  conditionalComplete: boolean;
  /** How GetBucketLifecycleConfiguration answers a rule sent with `<Filter><Prefix></Prefix>`: as sent, or as a legacy top-level `<Prefix>`. */
  lifecycleFilter: "filter" | "legacy-prefix";
}

const AWS: ProviderProfile = {
  checksumHeaders: true,
  outOfOrderComplete: "rejected",
  completeEtag: "multipart",
  unknownUpload: { listParts: NO_SUCH_UPLOAD, uploadPart: NO_SUCH_UPLOAD, complete: NO_SUCH_UPLOAD, abort: NO_SUCH_UPLOAD },
  conditionalPut: true,
  conditionalComplete: true,
  errorMessages: true,
  corsRejectCode: "AccessForbidden",
  lifecycleFilter: "filter",
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
    // Every error we provoke comes with `<Message></Message>`, e.g. an expired URL is AccessDenied without
    // "Request has expired". (A body cut short of its Content-Length is answered 404 NoSuchKey; AWS answers 400
    // IncompleteBody or drops the connection. The suite only asserts that such a request fails.)
    errorMessages: false,
    // Preflight rejections (unknown origin, method, or no CORS config) are 403 AccessDenied. Preflight answers
    // echo only the requested method in Access-Control-Allow-Methods (AWS lists the rule's methods).
    corsRejectCode: "AccessDenied",
    // PutObject honours If-None-Match: * (412), CompleteMultipartUpload ignores it and overwrites.
    conditionalComplete: false,
    // A lifecycle rule sent with <Filter><Prefix></Prefix></Filter> (every key) comes back as <Prefix></Prefix>, the
    // pre-2016 form; a non-empty Filter.Prefix comes back as sent.
    lifecycleFilter: "legacy-prefix",
    outOfOrderComplete: "accepted",
    completeEtag: "empty",
    unknownUpload: {
      listParts: { status: 404, code: "NoSuchKey" },
      uploadPart: NO_SUCH_UPLOAD,
      // RGW 16 answers "This multipart completion is already in progress" for any upload id it does not know.
      complete: { status: 500, code: "InternalError" },
      abort: NO_SUCH_UPLOAD,
    },
  },
};

/** Parses `HOIST_TEST_S3_PROVIDER`; an unknown name is an error rather than a silent AWS profile. */
export function providerName(value: string | undefined, fallback: ProviderName): ProviderName {
  if (value === undefined || value === "") return fallback;
  if (value in PROVIDERS) return value as ProviderName;
  throw new Error(`HOIST_TEST_S3_PROVIDER=${value} is not one of ${Object.keys(PROVIDERS).join(", ")}`);
}
