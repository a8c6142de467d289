import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { CreateBucketCommand, DeleteBucketCommand, DeleteObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import { startLocalS3 } from "@hoist/local-s3";
import { abortMultipart, createS3Client, getProviderProfile, listAllMultipartUploads, S3_PROVIDERS } from "@hoist/s3-core";
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

const env = process.env;

/** Name of the provider under test, for test titles. */
export const s3Provider: S3Provider = (() => {
  if (!env.HOIST_TEST_S3_ENDPOINT) return "local";
  const named = env.HOIST_TEST_S3_PROVIDER ?? "aws";
  if (!(S3_PROVIDERS as readonly string[]).includes(named)) throw new Error(`HOIST_TEST_S3_PROVIDER: unknown ${named}`);
  return named as S3Provider;
})();

/** What the provider under test supports (skip a check it cannot pass: Ceph ignores `x-amz-checksum-*`). */
export const s3Profile = getProviderProfile(s3Provider);

/** Empties and deletes a bucket this run created: objects, then unfinished uploads, then the bucket. */
async function dropBucket(client: S3Client, bucket: string): Promise<void> {
  for (let token: string | undefined; ; ) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    await Promise.all((page.Contents ?? []).map((o) => client.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key }))));
    token = page.NextContinuationToken;
    if (!page.IsTruncated) break;
  }
  for await (const u of listAllMultipartUploads(client, { bucket })) {
    await abortMultipart(client, { bucket, key: u.key, uploadId: u.uploadId });
  }
  await client.send(new DeleteBucketCommand({ Bucket: bucket }));
}

/**
 * A bucket of its own per stack: each test file has its own database, so in a shared bucket one file's sweeper
 * would see the others' uploads as orphans.
 */
async function externalTarget(endpoint: string): Promise<S3Target> {
  const storage = {
    kind: "external" as const,
    endpoint,
    region: env.HOIST_TEST_S3_REGION ?? "us-east-1",
    bucket: `${env.HOIST_TEST_S3_BUCKET ?? "hoist-test"}-api-${randomBytes(4).toString("hex")}`,
    provider: s3Provider,
    accessKeyId: env.HOIST_TEST_S3_ACCESS_KEY_ID ?? "",
    secretAccessKey: env.HOIST_TEST_S3_SECRET_ACCESS_KEY ?? "",
    forcePathStyle: true,
  };
  const client = createS3Client(storage);
  await client.send(new CreateBucketCommand({ Bucket: storage.bucket }));
  return {
    provider: s3Provider,
    storage,
    smallParts: false,
    async close() {
      await dropBucket(client, storage.bucket);
      client.destroy();
    },
  };
}

/** Starts (or connects to) the S3 under test; parts may be 1 byte on local-s3 so tests stay small. */
export async function startS3Target(): Promise<S3Target> {
  if (env.HOIST_TEST_S3_ENDPOINT) return externalTarget(env.HOIST_TEST_S3_ENDPOINT);
  const dataDir = await mkdtemp(join(tmpdir(), "hoist-api-s3-"));
  const credentials = { accessKeyId: "api-test-key", secretAccessKey: "api-test-secret-0123456789abcdef" };
  const local = await startLocalS3({ dataDir, port: 0, credentials, buckets: ["hoist-test"], minPartSize: 1 });
  return {
    provider: "local",
    storage: { kind: "external", endpoint: local.endpoint, region: "us-east-1", bucket: "hoist-test", provider: "local", forcePathStyle: true, ...credentials },
    smallParts: true,
    async close() {
      await local.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
