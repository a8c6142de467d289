import { startS3Target, testS3Provider, type Credentials, type S3Target } from "../../src/testing/index.js";
import { PROVIDERS, providerName, type ProviderName, type ProviderProfile, type UploadOp } from "./providers.js";

export type Target = S3Target;

/** The provider under test, known at collection time so test titles can name its gaps. */
export const provider: ProviderName = testS3Provider() === "local" ? "local" : providerName(process.env.HOIST_TEST_S3_PROVIDER, "aws");
export const profile: ProviderProfile = PROVIDERS[provider];

/** `title`, or "<provider> gap: <gap>" when the provider departs from AWS here. */
export function gapTitle(departs: boolean, title: string, gap: string): string {
  return departs ? `${provider} gap: ${gap}` : title;
}

/** Test title for an unknown-upload-id case: AWS's answer, or the provider's measured one named as a gap. */
export function unknownUploadTitle(op: UploadOp, what: string): string {
  const a = profile.unknownUpload[op];
  const departs = a.code !== "NoSuchUpload" || a.status !== 404;
  return gapTitle(departs, `${what} is 404 NoSuchUpload`, `${what} is ${a.status} ${a.code}, not 404 NoSuchUpload`);
}

const LOCAL_CREDENTIALS: Credentials = { accessKeyId: "local-access-key", secretAccessKey: "local-secret-key-0123456789" };
const localBucket = `conformance-${Date.now().toString(36)}`;

/**
 * The target of this test file: an embedded local-s3 (default), or the endpoint named by HOIST_TEST_S3_*
 * (bucket created when missing; keys under `conformance/<run id>/<file>/`).
 */
export function getTarget(file: string): Promise<Target> {
  return startS3Target({ name: "conformance", file, local: { bucket: localBucket, credentials: LOCAL_CREDENTIALS } });
}
