// Where integration tests run: an embedded @hoist/local-s3 per test file (default), or the store named by
// HOIST_TEST_S3_* variables (e.g. Ceph RGW), so the same tests check a real S3 implementation.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import { startLocalS3 } from "@hoist/local-s3";
import { createS3Client } from "../src/create-s3-client.js";
import { listAllMultipartUploads } from "../src/list-uploads.js";
import { abortMultipart } from "../src/multipart.js";
import { deleteObject } from "../src/objects.js";
import { createPartSigner } from "../src/part-signer.js";
import type { PartSigner } from "../src/part-signer.js";
import { getProviderProfile, S3_PROVIDERS } from "../src/provider-profile.js";
import type { ProviderProfile, S3Provider } from "../src/provider-profile.js";
import { s3ErrorCode } from "../src/s3-errors.js";

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

function envTarget(): { endpoint: string; accessKeyId: string; secretAccessKey: string; bucket: string; provider: S3Provider } | undefined {
  const env = process.env;
  const endpoint = env.HOIST_TEST_S3_ENDPOINT;
  if (!endpoint) return undefined;
  const provider = testProvider();
  return {
    endpoint,
    provider,
    accessKeyId: env.HOIST_TEST_S3_ACCESS_KEY_ID ?? "",
    secretAccessKey: env.HOIST_TEST_S3_SECRET_ACCESS_KEY ?? "",
    bucket: env.HOIST_TEST_S3_BUCKET ?? "hoist-s3-core-test",
  };
}

/** The provider under test, known before any server starts (for `it.runIf`): `local` unless the env names one. */
export function testProvider(): S3Provider {
  if (!process.env.HOIST_TEST_S3_ENDPOINT) return "local";
  const provider = (process.env.HOIST_TEST_S3_PROVIDER ?? "aws") as S3Provider;
  if (!S3_PROVIDERS.includes(provider)) throw new Error(`HOIST_TEST_S3_PROVIDER: unknown provider ${provider}`);
  return provider;
}

/** The profile of {@link testProvider}. */
export function testProfile(): ProviderProfile {
  return getProviderProfile(testProvider());
}

async function ensureBucket(client: S3Client, bucket: string): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const code = s3ErrorCode(error);
    if (code !== "BucketAlreadyOwnedByYou" && code !== "BucketAlreadyExists") throw error;
  }
}

// A shared store outlives the test run: leave nothing behind under this run's prefix.
async function removePrefix(client: S3Client, bucket: string, prefix: string): Promise<void> {
  for await (const upload of listAllMultipartUploads(client, { bucket, prefix })) {
    await abortMultipart(client, { bucket, key: upload.key, uploadId: upload.uploadId });
  }
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      if (object.Key) await deleteObject(client, { bucket, key: object.Key });
    }
    token = page.NextContinuationToken;
  } while (token);
}

/** Starts (or connects to) the store for one test file; call `close` in afterAll. */
export async function startTestTarget(): Promise<TestTarget> {
  const prefix = `s3-core-test/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}/`;
  const external = envTarget();
  if (external) {
    const config = { ...external, region: "us-east-1" };
    const client = createS3Client(config);
    await ensureBucket(client, external.bucket);
    const signer = createPartSigner({ ...config, credentials: external, forcePathStyle: true });
    const profile = getProviderProfile(external.provider);
    const close = async () => {
      await removePrefix(client, external.bucket, prefix);
      client.destroy();
    };
    return { client, signer, profile, bucket: external.bucket, prefix, minPartSize: 5 * 1024 * 1024, close };
  }
  const dataDir = await mkdtemp(join(tmpdir(), "s3-core-test-"));
  const bucket = "hoist-test";
  const server = await startLocalS3({ dataDir, port: 0, credentials, buckets: [bucket], minPartSize: LOCAL_MIN_PART });
  const config = { endpoint: server.endpoint, region: "us-east-1", bucket, provider: "local" as const, ...credentials };
  const client = createS3Client(config);
  const signer = createPartSigner({ ...config, credentials, forcePathStyle: true });
  const close = async () => {
    client.destroy();
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  return { client, signer, profile: getProviderProfile("local"), bucket, prefix, minPartSize: LOCAL_MIN_PART, close };
}
