import { randomBytes } from "node:crypto";
import { startLocalS3 } from "@hoist/local-s3";
import type { CorsRule } from "@hoist/local-s3";
import type { Storage } from "@hoist/api";
import { storageFromConfig } from "@hoist/s3-core";
import type { StorageConfig } from "./config";

/** Storage for the API plus what must be closed at shutdown (the embedded store, if any). */
export interface OpenedStorage {
  storage: Storage;
  endpoint: string;
  close(): Promise<void>;
}

/** Browsers PUT parts straight to storage, and must be able to read each part's ETag. */
function corsRules(origins: readonly string[]): CorsRule[] {
  return [
    {
      allowedOrigins: origins.length > 0 ? [...origins] : ["*"],
      allowedMethods: ["GET", "PUT", "HEAD"],
      allowedHeaders: ["*"],
      exposeHeaders: ["ETag"],
      maxAgeSeconds: 3600,
    },
  ];
}

/** Connects to the configured store, or starts the embedded one (random keys, bucket and CORS created). */
export async function openStorage(config: StorageConfig, corsOrigins: readonly string[], requestTimeoutMs?: number): Promise<OpenedStorage> {
  if (config.kind === "external") {
    // Without HOIST_S3_ACCESS_KEY_ID/SECRET: the AWS default chain (AWS_* env with AWS_SESSION_TOKEN, shared
    // config and credentials files, container and instance roles), for the client and the URL signer alike.
    const storage = storageFromConfig({ ...config });
    return { storage, endpoint: config.endpoint ?? "aws", close: () => Promise.resolve() };
  }
  const credentials = { accessKeyId: `hoist-${randomBytes(6).toString("hex")}`, secretAccessKey: randomBytes(24).toString("hex") };
  const local = await startLocalS3({
    dataDir: config.dataDir,
    port: 0,
    credentials,
    buckets: [{ name: config.bucket, cors: corsRules(corsOrigins) }],
    // The embedded store closes stalled connections as the API does (HOIST_REQUEST_TIMEOUT_MS).
    ...(requestTimeoutMs !== undefined && { requestTimeoutMs }),
  });
  const storage = storageFromConfig({
    endpoint: local.endpoint,
    region: "us-east-1",
    bucket: config.bucket,
    provider: "local",
    forcePathStyle: true,
    ...credentials,
  });
  return { storage, endpoint: local.endpoint, close: () => local.close() };
}
