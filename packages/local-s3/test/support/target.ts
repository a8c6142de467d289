import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3ServiceException,
  type S3Client,
} from "@aws-sdk/client-s3";
import { makeS3Client } from "./clients.js";
import { PROVIDERS, providerName, type ProviderName, type ProviderProfile, type UploadOp } from "./providers.js";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** One S3 endpoint under test, with a bucket the file may write to and everything needed to clean up after it. */
export interface Target {
  provider: ProviderName;
  profile: ProviderProfile;
  endpoint: string;
  region: string;
  credentials: Credentials;
  bucket: string;
  /** Unique per file and run: every key a test writes starts with it, so runs never collide. */
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

/** The provider under test, known at collection time so test titles can name its gaps. */
export const provider: ProviderName =
  (process.env.HOIST_TEST_S3_ENDPOINT ?? "") === "" ? "local" : providerName(process.env.HOIST_TEST_S3_PROVIDER, "aws");
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
const runId = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;

/**
 * The target of this test file: an embedded local-s3 on a free port with a temp data dir (default), or the
 * endpoint named by HOIST_TEST_S3_* (bucket created when missing; keys under a unique prefix).
 */
export async function getTarget(file: string): Promise<Target> {
  const env = process.env;
  const endpoint = env.HOIST_TEST_S3_ENDPOINT;
  if (endpoint === undefined || endpoint === "") return localTarget(file);
  const credentials = {
    accessKeyId: required("HOIST_TEST_S3_ACCESS_KEY_ID"),
    secretAccessKey: required("HOIST_TEST_S3_SECRET_ACCESS_KEY"),
  };
  const bucket = required("HOIST_TEST_S3_BUCKET");
  const region = env.HOIST_TEST_S3_REGION ?? "us-east-1";
  const t = buildTarget({ provider, endpoint, region, credentials, bucket, file });
  await ensureBucket(t.s3, bucket);
  return t;
}

async function localTarget(file: string): Promise<Target> {
  // Imported lazily so a run against a remote endpoint never loads the embedded server.
  const { startLocalS3 } = await import("../../src/index.js");
  const dataDir = await mkdtemp(join(tmpdir(), "local-s3-conformance-"));
  const bucket = `conformance-${runId}`;
  const server = await startLocalS3({ dataDir, port: 0, host: "127.0.0.1", credentials: LOCAL_CREDENTIALS, buckets: [bucket] });
  const init = { provider: "local" as const, endpoint: server.endpoint, region: "us-east-1", credentials: LOCAL_CREDENTIALS, bucket, file };
  return buildTarget(init, async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  });
}

interface TargetInit {
  provider: ProviderName;
  endpoint: string;
  region: string;
  credentials: Credentials;
  bucket: string;
  file: string;
}

function buildTarget(init: TargetInit, afterClose?: () => Promise<void>): Target {
  const s3 = makeS3Client(init);
  const prefix = `conformance/${runId}/${init.file}/`;
  const scratch: string[] = [];
  let counter = 0;
  const uniqueBucketName = (label: string) => `hoist-${label}-${runId}-${String(counter++)}`.toLowerCase().slice(0, 63);
  return {
    ...init,
    profile: PROVIDERS[init.provider],
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

/** Deletes every object and aborts every multipart upload under `prefix`. */
export async function emptyBucket(s3: S3Client, bucket: string, prefix: string): Promise<void> {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    await Promise.all((page.Contents ?? []).map((o) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key }))));
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await s3.send(
      new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
    );
    await Promise.all(
      (page.Uploads ?? []).map((u) =>
        s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId })).catch(() => undefined),
      ),
    );
    if (page.IsTruncated !== true) return;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}

async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (err) {
    if (!(err instanceof S3ServiceException) || err.$metadata.httpStatusCode !== 404) throw err;
    // Test files start in parallel: another one may create the bucket between our HEAD and PUT.
    await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((e: unknown) => {
      if (!(e instanceof S3ServiceException) || e.name !== "BucketAlreadyOwnedByYou") throw e;
    });
  }
}

function ignoreNoSuchBucket(err: unknown): void {
  if (!(err instanceof S3ServiceException) || err.name !== "NoSuchBucket") throw err;
}

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`${name} must be set when HOIST_TEST_S3_ENDPOINT is`);
  return value;
}
