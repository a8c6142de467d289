import {
  GetBucketCorsCommand,
  GetBucketLifecycleConfigurationCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
} from "@aws-sdk/client-s3";
import type { CORSRule, LifecycleRule, S3Client } from "@aws-sdk/client-s3";
import { s3ErrorCode, s3HttpStatus } from "@hoist/s3-core";

/** A refusal or failure a person can act on: the message names the bucket, the call and what to do. */
export class StorageSetupError extends Error {
  override name = "StorageSetupError";
}

/** The bucket configuration setup-storage reads and writes. */
export interface BucketState {
  cors: CORSRule[];
  lifecycle: LifecycleRule[];
}

const DENIED = new Set(["AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "InvalidToken", "ExpiredToken", "Forbidden"]);

/** Turns an SDK failure of `call` into a {@link StorageSetupError} that says what is wrong and what to do. */
function explain(error: unknown, call: string, bucket: string, endpoint: string): StorageSetupError {
  const code = s3ErrorCode(error);
  const status = s3HttpStatus(error);
  if (error instanceof Error && error.name === "CredentialsProviderError") {
    return new StorageSetupError(
      `no S3 credentials: set HOIST_S3_ACCESS_KEY_ID and HOIST_S3_SECRET_ACCESS_KEY, or give the AWS default chain some (AWS_* env, ~/.aws files, a role) — ${error.message}`,
    );
  }
  if (status === undefined) {
    const cause = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return new StorageSetupError(`storage unreachable at ${endpoint} (${call}: ${cause}); check HOIST_S3_ENDPOINT and that the store is running`);
  }
  if (code === "NoSuchBucket" || (call === "HeadBucket" && status === 404)) {
    return new StorageSetupError(`bucket "${bucket}" does not exist at ${endpoint}; create it (or fix HOIST_S3_BUCKET), then run again`);
  }
  if (status === 403 || (code !== undefined && DENIED.has(code))) {
    return new StorageSetupError(
      `access denied: ${call} on bucket "${bucket}" was refused (${code ?? status}); run setup-storage with a key allowed to ` +
        "read and write the bucket's CORS and lifecycle configuration (s3:GetBucketCORS, s3:PutBucketCORS, " +
        "s3:GetLifecycleConfiguration, s3:PutLifecycleConfiguration), e.g. an administrator's HOIST_S3_ACCESS_KEY_ID/SECRET for this one run",
    );
  }
  return new StorageSetupError(`${call} on bucket "${bucket}" failed: ${code ?? "HTTP"} ${status}`);
}

/** Runs `send`; an answer coded `absent` (no configuration yet) is an empty list, anything else is explained. */
async function readList<T>(send: () => Promise<T[] | undefined>, absent: string, call: string, where: Where): Promise<T[]> {
  try {
    return (await send()) ?? [];
  } catch (error) {
    if (s3ErrorCode(error) === absent) return [];
    throw explain(error, call, where.bucket, where.endpoint);
  }
}

interface Where {
  client: S3Client;
  bucket: string;
  endpoint: string;
}

/** Reads the bucket's CORS rules and lifecycle rules (empty when it has none), after checking it exists. */
export async function readBucketState(where: Where): Promise<BucketState> {
  const { client, bucket, endpoint } = where;
  await client.send(new HeadBucketCommand({ Bucket: bucket })).catch((error: unknown) => {
    throw explain(error, "HeadBucket", bucket, endpoint);
  });
  const cors = await readList(
    async () => (await client.send(new GetBucketCorsCommand({ Bucket: bucket }))).CORSRules,
    "NoSuchCORSConfiguration",
    "GetBucketCors",
    where,
  );
  const lifecycle = await readList(
    async () => (await client.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket }))).Rules,
    "NoSuchLifecycleConfiguration",
    "GetBucketLifecycleConfiguration",
    where,
  );
  return { cors, lifecycle };
}

/** Writes whichever of the two configurations is given, whole (S3 replaces each configuration as one document). */
export async function writeBucketState(where: Where, state: Partial<BucketState>): Promise<void> {
  const { client, bucket, endpoint } = where;
  const put = async (call: string, send: () => Promise<unknown>) => {
    await send().catch((error: unknown) => {
      throw explain(error, call, bucket, endpoint);
    });
  };
  if (state.cors !== undefined) {
    const rules = state.cors;
    await put("PutBucketCors", () => client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: rules } })));
  }
  if (state.lifecycle !== undefined) {
    const rules = state.lifecycle;
    const input = { Bucket: bucket, LifecycleConfiguration: { Rules: rules } };
    await put("PutBucketLifecycleConfiguration", () => client.send(new PutBucketLifecycleConfigurationCommand(input)));
  }
}
