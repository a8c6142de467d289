import { GetBucketCorsCommand, GetBucketLifecycleConfigurationCommand } from "@aws-sdk/client-s3";
import type { CORSRule, LifecycleRule } from "@aws-sdk/client-s3";
import { defaultRoutes } from "@hoist/api";
import { startS3Target as startSharedTarget } from "@hoist/local-s3/testing";
import type { S3Target as SharedTarget } from "@hoist/local-s3/testing";
import { s3ErrorCode } from "@hoist/s3-core";
import type { StorageConfig } from "../../src/config";
import { setupStorage } from "../../src/setup-storage/setup-storage";
import type { SetupStorageResult } from "../../src/setup-storage/setup-storage";
import { s3Provider } from "../support/s3-target";

export const ORIGIN = "https://app.example.com";
const credentials = { accessKeyId: "setup-test-key", secretAccessKey: "setup-test-secret-0123456789abcdef" };

/** local-s3 (or HOIST_TEST_S3_*) with scratch buckets that start bare: no CORS, no lifecycle rules. */
export function startSetupTarget(): Promise<SharedTarget> {
  return startSharedTarget({ name: "setup-storage", local: { bucket: "setup-storage", credentials } });
}

/** The server's storage config for `bucket` on the target. */
export function storageFor(target: SharedTarget, bucket: string): Extract<StorageConfig, { kind: "external" }> {
  const { endpoint, region } = target;
  return { kind: "external", endpoint, region, bucket, provider: s3Provider, forcePathStyle: true, ...target.credentials };
}

/** One run of setup-storage with the default routes; what it printed comes back with the result. */
export async function runSetup(
  target: SharedTarget,
  bucket: string,
  opts: { apply?: boolean; origins?: string[]; storage?: Partial<Extract<StorageConfig, { kind: "external" }>> } = {},
): Promise<SetupStorageResult & { output: string }> {
  const lines: string[] = [];
  const result = await setupStorage({
    storage: { ...storageFor(target, bucket), ...opts.storage },
    corsOrigins: opts.origins ?? [ORIGIN],
    routes: defaultRoutes,
    apply: opts.apply ?? false,
    abortDays: 7,
    print: (line) => lines.push(line),
  });
  return { ...result, output: lines.join("\n") };
}

/** The bucket's configuration as storage answers it; empty lists when it has none. */
export async function bucketConfig(target: SharedTarget, bucket: string): Promise<{ cors: CORSRule[]; lifecycle: LifecycleRule[] }> {
  const orEmpty = (error: unknown) => {
    if (["NoSuchCORSConfiguration", "NoSuchLifecycleConfiguration"].includes(s3ErrorCode(error) ?? "")) return undefined;
    throw error;
  };
  const cors = await target.s3.send(new GetBucketCorsCommand({ Bucket: bucket })).then((out) => out.CORSRules, orEmpty);
  const lifecycle = await target.s3.send(new GetBucketLifecycleConfigurationCommand({ Bucket: bucket })).then((out) => out.Rules, orEmpty);
  return { cors: cors ?? [], lifecycle: lifecycle ?? [] };
}

/** The IAM policy document printed after the report: the JSON block at the end of the output. */
export function printedPolicy(output: string): unknown {
  return JSON.parse(output.slice(output.indexOf("\n{") + 1));
}
