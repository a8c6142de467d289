import { startS3Target as startSharedTarget, testS3Provider } from "@hoist/local-s3/testing";
import { getProviderProfile, S3_PROVIDERS } from "@hoist/s3-core";
import type { S3Provider } from "@hoist/s3-core";
import type { StorageConfig } from "../../src/config";

/** The S3 the API suite runs on: embedded local-s3 (default) or HOIST_TEST_S3_* (CI: Ceph RGW). */
export interface S3Target {
  provider: S3Provider;
  storage: Extract<StorageConfig, { kind: "external" }>;
  /** True when non-last parts may be small: only our own store can be told so. */
  smallParts: boolean;
  close(): Promise<void>;
}

/** Name of the provider under test, for test titles. */
export const s3Provider: S3Provider = (() => {
  const named = testS3Provider();
  if (!(S3_PROVIDERS as readonly string[]).includes(named)) throw new Error(`HOIST_TEST_S3_PROVIDER: unknown ${named}`);
  return named as S3Provider;
})();

/** What the provider under test supports (skip a check it cannot pass: Ceph ignores `x-amz-checksum-*`). */
export const s3Profile = getProviderProfile(s3Provider);

const credentials = { accessKeyId: "api-test-key", secretAccessKey: "api-test-secret-0123456789abcdef" };

/** Starts (or connects to) the S3 under test; parts may be 1 byte on local-s3 so tests stay small. */
export async function startS3Target(): Promise<S3Target> {
  const target = await startSharedTarget({ name: "api", local: { bucket: "hoist-test", credentials, minPartSize: 1 } });
  const local = target.embedded;
  // A bucket of its own per stack elsewhere: each test file has its own database, so in a shared bucket one file's
  // sweeper would see the others' uploads as orphans. `close` empties and deletes it.
  const bucket = local ? target.bucket : await target.createScratchBucket("api");
  const { endpoint, region } = target;
  return {
    provider: s3Provider,
    storage: { kind: "external", endpoint, region, bucket, provider: s3Provider, forcePathStyle: true, ...target.credentials },
    smallParts: local,
    close: () => target.close(),
  };
}
