// Where integration tests run: an embedded @hoist/local-s3 per test file (default), or the store named by
// HOIST_TEST_S3_* variables (e.g. Ceph RGW), so the same tests check a real S3 implementation.
import type { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll } from "vitest";
import { startS3Target, testS3Provider } from "@hoist/local-s3/testing";
import { createS3Client } from "../src/create-s3-client.js";
import { createPartSigner } from "../src/part-signer.js";
import type { PartSigner } from "../src/part-signer.js";
import { getProviderProfile, S3_PROVIDERS } from "../src/provider-profile.js";
import type { ProviderProfile, S3Provider } from "../src/provider-profile.js";
import { createStorage } from "../src/storage.js";
import type { Storage } from "../src/storage.js";

/** A store to test against, with everything a test needs to talk to it. */
export interface TestTarget {
  client: S3Client;
  signer: PartSigner;
  profile: ProviderProfile;
  bucket: string;
  /** Unique per test file run, so runs against a shared store never see each other's keys. */
  prefix: string;
  /** Smallest non-last part the store accepts at complete. */
  minPartSize: number;
  close(): Promise<void>;
}

const LOCAL_MIN_PART = 64 * 1024;
const credentials = { accessKeyId: "s3-core-test", secretAccessKey: "s3-core-test-secret-0123456789" };

/** The provider under test, known before any server starts (for `it.runIf`): `local` unless the env names one. */
export function testProvider(): S3Provider {
  const provider = testS3Provider() as S3Provider;
  if (!S3_PROVIDERS.includes(provider)) throw new Error(`HOIST_TEST_S3_PROVIDER: unknown provider ${provider}`);
  return provider;
}

/** The profile of {@link testProvider}. */
export function testProfile(): ProviderProfile {
  return getProviderProfile(testProvider());
}

/** Starts (or connects to) the store for one test file; call `close` in afterAll. */
export async function startTestTarget(): Promise<TestTarget> {
  const local = { bucket: "hoist-test", credentials, minPartSize: LOCAL_MIN_PART };
  const target = await startS3Target({ name: "s3-core-test", local });
  const provider = testProvider();
  const config = { endpoint: target.endpoint, region: target.region, bucket: target.bucket, provider, ...target.credentials };
  const client = createS3Client(config);
  const signer = createPartSigner({ ...config, credentials: target.credentials, forcePathStyle: true });
  const close = async () => {
    client.destroy();
    await target.close();
  };
  const minPartSize = target.embedded ? LOCAL_MIN_PART : 5 * 1024 * 1024;
  return { client, signer, profile: getProviderProfile(provider), bucket: target.bucket, prefix: target.prefix, minPartSize, close };
}

/** A target for the whole test file (started before its tests, closed after) and `createStorage` bound to it. */
export function storageForFile(): { target: TestTarget; storage: Storage } {
  const bound = {} as { target: TestTarget; storage: Storage };
  beforeAll(async () => {
    bound.target = await startTestTarget();
    bound.storage = createStorage(bound.target);
  });
  afterAll(() => bound.target.close());
  return bound;
}
