import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand } from "@aws-sdk/client-s3";
import { startLocalS3 } from "@hoist/local-s3";
import { createS3Client, S3_PROVIDERS } from "@hoist/s3-core";
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

async function externalTarget(endpoint: string): Promise<S3Target> {
  const storage = {
    kind: "external" as const,
    endpoint,
    region: env.HOIST_TEST_S3_REGION ?? "us-east-1",
    bucket: `${env.HOIST_TEST_S3_BUCKET ?? "hoist-test"}-api`,
    provider: s3Provider,
    accessKeyId: env.HOIST_TEST_S3_ACCESS_KEY_ID ?? "",
    secretAccessKey: env.HOIST_TEST_S3_SECRET_ACCESS_KEY ?? "",
    forcePathStyle: true,
  };
  const client = createS3Client(storage);
  await client.send(new CreateBucketCommand({ Bucket: storage.bucket })).catch((error: unknown) => {
    const name = (error as { name?: string }).name;
    if (name !== "BucketAlreadyOwnedByYou" && name !== "BucketAlreadyExists") throw error;
  });
  client.destroy();
  return { provider: s3Provider, storage, smallParts: false, close: () => Promise.resolve() };
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
