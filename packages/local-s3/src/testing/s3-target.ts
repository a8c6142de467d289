import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, DeleteBucketCommand, type S3Client } from "@aws-sdk/client-s3";
import { emptyBucket, ensureBucket, ignoreNoSuchBucket } from "./s3-cleanup.js";
import { makeS3Client } from "./s3-client.js";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** One S3 endpoint under test, with a bucket the tests may write to and everything needed to clean up after them. */
export interface S3Target {
  /** "local" for the embedded store, else HOIST_TEST_S3_PROVIDER (default "aws"); see {@link testS3Provider}. */
  provider: string;
  /** True for the embedded local-s3 started here (its options apply), false for HOIST_TEST_S3_ENDPOINT. */
  embedded: boolean;
  endpoint: string;
  region: string;
  credentials: Credentials;
  bucket: string;
  /** Unique per target and run: every key a test writes starts with it, so runs never collide. */
  prefix: string;
  s3: S3Client;
  key(name: string): string;
  /** Creates a bucket that `close()` empties and deletes. */
  createScratchBucket(label: string): Promise<string>;
  /** A bucket name nobody has created, unique per call. */
  uniqueBucketName(label: string): string;
  /** Registers a bucket created by the test itself for deletion at close. */
  ownBucket(name: string): void;
  close(): Promise<void>;
}

export interface S3TargetOptions {
  /** First segment of the key prefix: keys go under `<name>/<run id>/<file>/`. */
  name: string;
  /** Second-to-last prefix segment, e.g. the test file (default: random, so targets never share keys). */
  file?: string;
  /** The embedded store's bucket, keys and smallest non-last part (ignored when HOIST_TEST_S3_ENDPOINT is set). */
  local: { bucket: string; credentials: Credentials; minPartSize?: number };
}

/**
 * The provider under test, known at collection time so test titles can name its gaps: "local" unless
 * HOIST_TEST_S3_ENDPOINT is set, then HOIST_TEST_S3_PROVIDER (default "aws"). Callers check it names a profile.
 */
export function testS3Provider(): string {
  const env = process.env;
  if ((env.HOIST_TEST_S3_ENDPOINT ?? "") === "") return "local";
  return (env.HOIST_TEST_S3_PROVIDER ?? "") === "" ? "aws" : String(env.HOIST_TEST_S3_PROVIDER);
}

const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

/**
 * The S3 under test: an embedded local-s3 on a free loopback port with a temp data dir (default), or the endpoint
 * named by HOIST_TEST_S3_ENDPOINT, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY, _BUCKET (created when missing) and _REGION.
 */
export async function startS3Target(opts: S3TargetOptions): Promise<S3Target> {
  const endpoint = process.env.HOIST_TEST_S3_ENDPOINT;
  if (endpoint === undefined || endpoint === "") return localTarget(opts);
  const credentials = {
    accessKeyId: required("HOIST_TEST_S3_ACCESS_KEY_ID"),
    secretAccessKey: required("HOIST_TEST_S3_SECRET_ACCESS_KEY"),
  };
  const bucket = required("HOIST_TEST_S3_BUCKET");
  const region = process.env.HOIST_TEST_S3_REGION ?? "us-east-1";
  const t = buildTarget({ provider: testS3Provider(), embedded: false, endpoint, region, credentials, bucket }, opts);
  await ensureBucket(t.s3, bucket);
  return t;
}

async function localTarget(opts: S3TargetOptions): Promise<S3Target> {
  // Imported lazily so a run against a remote endpoint never loads the embedded server.
  const { startLocalS3 } = await import("../index.js");
  const dataDir = await mkdtemp(join(tmpdir(), "local-s3-target-"));
  const { bucket, credentials, minPartSize } = opts.local;
  const server = await startLocalS3({ dataDir, port: 0, host: "127.0.0.1", credentials, buckets: [bucket], minPartSize });
  const init = { provider: "local", embedded: true, endpoint: server.endpoint, region: "us-east-1", credentials, bucket };
  return buildTarget(init, opts, async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
}

type TargetInit = Pick<S3Target, "provider" | "embedded" | "endpoint" | "region" | "credentials" | "bucket">;

function buildTarget(init: TargetInit, opts: S3TargetOptions, afterClose?: () => Promise<void>): S3Target {
  const s3 = makeS3Client(init);
  const prefix = `${opts.name}/${runId}/${opts.file ?? randomBytes(4).toString("hex")}/`;
  const scratch: string[] = [];
  let counter = 0;
  const uniqueBucketName = (label: string) => `hoist-${label}-${runId}-${String(counter++)}`.toLowerCase().slice(0, 63);
  return {
    ...init,
    prefix,
    s3,
    key: (name) => prefix + name,
    uniqueBucketName,
    ownBucket: (name) => scratch.push(name),
    async createScratchBucket(label) {
      const name = uniqueBucketName(label);
      await s3.send(new CreateBucketCommand({ Bucket: name }));
      scratch.push(name);
      return name;
    },
    async close() {
      try {
        await emptyBucket(s3, init.bucket, prefix);
        for (const name of scratch) {
          await emptyBucket(s3, name, "");
          await s3.send(new DeleteBucketCommand({ Bucket: name })).catch(ignoreNoSuchBucket);
        }
      } finally {
        s3.destroy();
        await afterClose?.();
      }
    },
  };
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} must be set when HOIST_TEST_S3_ENDPOINT is`);
  return value;
}
