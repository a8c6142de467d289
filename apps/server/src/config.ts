import { resolve } from "node:path";
import type { S3Provider } from "@hoist/s3-core";
import type { Env } from "./env";
import { EnvError } from "./env";
import type { LogLevel } from "./logger";

/** Where the bytes go: an external S3-compatible store, or the embedded one started in-process. */
export type StorageConfig =
  | { kind: "external"; endpoint?: string; region: string; bucket: string; provider: S3Provider;
      accessKeyId?: string; secretAccessKey?: string; forcePathStyle?: boolean }
  | { kind: "embedded"; bucket: string; dataDir: string };

/** How the server is put together; built from env by {@link configFromEnv}, or directly by tests. */
export interface ServerConfig {
  port: number;
  /** Interface to listen on: loopback in dev mode, all interfaces otherwise. */
  host: string;
  /** Where browsers reach this server when that is not where it listens (a proxy, TLS in front): printed at start. */
  publicUrl?: string;
  storage: StorageConfig;
  database: { url: string } | { dataDir: string };
  auth: { mode: "dev" | "jwt"; jwtSecret?: string; jwksUrl?: string; audience?: string; issuer?: string };
  corsOrigins: string[];
  dataDir: string;
  /** Most calls one batched tRPC request may carry (`HOIST_MAX_BATCH`, default 10). */
  maxBatch?: number;
  /** How long a request may take to arrive, headers and body (`HOIST_REQUEST_TIMEOUT_MS`, default 30 s). */
  requestTimeoutMs?: number;
  /** The sweeper leaves orphan uploads and unowned objects younger than this alone (seconds, default 3600). */
  sweepGraceSeconds?: number;
  /** Per-user limits (`HOIST_RATE_LIMIT`, `HOIST_QUOTA_OPEN_UPLOADS`, `HOIST_QUOTA_BYTES`); absent: the API's defaults. */
  limits?: { rateLimit?: number; quotaOpenUploads?: number; quotaBytes?: number };
  /** How long a stopping server waits for requests in flight and a running sweep before it exits 1 (default 10 s). */
  shutdownTimeoutMs?: number;
  /** Event-loop delay past which requests get 503 + Retry-After (`HOIST_MAX_EVENT_LOOP_DELAY_MS`, default 1 s; 0 = off). */
  maxEventLoopDelayMs?: number;
  /** `HOIST_LOG_LEVEL` (default `info`); `silent` logs nothing. */
  logLevel?: LogLevel;
  /** `HOIST_EVENT_SUBJECTS` (users who get everyone's `files.onCompleted` events) and `HOIST_EVENT_RETENTION_HOURS`. */
  events?: { subjects: string[]; retentionHours: number };
  /** `HOIST_METRICS_TOKEN`: when set, `/metrics` answers only `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

/** Where the bytes go, from `HOIST_S3_*` (the embedded store under `dataDir` when no endpoint is set). */
export function storageFromEnv(env: Env, dataDir: string): StorageConfig {
  const bucket = env.HOIST_S3_BUCKET ?? "hoist";
  if (env.HOIST_S3_ENDPOINT === undefined && env.HOIST_S3_PROVIDER !== "aws") {
    return { kind: "embedded", bucket, dataDir: resolve(dataDir, "s3") };
  }
  const forcePathStyle = env.HOIST_S3_FORCE_PATH_STYLE === undefined ? undefined : /^(true|1)$/i.test(env.HOIST_S3_FORCE_PATH_STYLE);
  return {
    kind: "external",
    ...(env.HOIST_S3_ENDPOINT && { endpoint: env.HOIST_S3_ENDPOINT }),
    region: env.HOIST_S3_REGION ?? "us-east-1",
    bucket,
    provider: env.HOIST_S3_PROVIDER ?? "aws",
    ...(env.HOIST_S3_ACCESS_KEY_ID && { accessKeyId: env.HOIST_S3_ACCESS_KEY_ID }),
    ...(env.HOIST_S3_SECRET_ACCESS_KEY && { secretAccessKey: env.HOIST_S3_SECRET_ACCESS_KEY }),
    ...(forcePathStyle !== undefined && { forcePathStyle }),
  };
}

function authFromEnv(env: Env, allEmbedded: boolean): ServerConfig["auth"] {
  const mode = env.HOIST_AUTH_MODE ?? (allEmbedded ? "dev" : "jwt");
  if (env.HOIST_JWT_SECRET !== undefined && env.HOIST_JWKS_URL !== undefined) {
    throw new EnvError("invalid configuration:\n  HOIST_JWT_SECRET / HOIST_JWKS_URL: set one, not both");
  }
  if (mode === "jwt" && env.HOIST_JWT_SECRET === undefined && env.HOIST_JWKS_URL === undefined) {
    throw new EnvError(
      "invalid configuration:\n  HOIST_JWT_SECRET: required (or HOIST_JWKS_URL) when HOIST_AUTH_MODE is jwt, " +
        "which is the default once HOIST_S3_ENDPOINT or HOIST_DATABASE_URL is set",
    );
  }
  return {
    mode,
    ...(env.HOIST_JWT_SECRET && { jwtSecret: env.HOIST_JWT_SECRET }),
    ...(env.HOIST_JWKS_URL && { jwksUrl: env.HOIST_JWKS_URL }),
    ...(env.HOIST_JWT_AUDIENCE && { audience: env.HOIST_JWT_AUDIENCE }),
    ...(env.HOIST_JWT_ISSUER && { issuer: env.HOIST_JWT_ISSUER }),
  };
}

/** `HOIST_CORS_ORIGINS`: comma-separated origins, blanks dropped. */
export function corsOriginsFromEnv(value: string | undefined): string[] {
  return (value ?? "").split(",").map((o) => o.trim()).filter(Boolean);
}

/** Turns validated env into a {@link ServerConfig}, applying the zero-config defaults. */
export function configFromEnv(env: Env): ServerConfig {
  const dataDir = resolve(env.HOIST_DATA_DIR ?? ".hoist-data");
  const storage = storageFromEnv(env, dataDir);
  const database = env.HOIST_DATABASE_URL ? { url: env.HOIST_DATABASE_URL } : { dataDir: resolve(dataDir, "db") };
  const auth = authFromEnv(env, storage.kind === "embedded" && !("url" in database));
  const corsOrigins = corsOriginsFromEnv(env.HOIST_CORS_ORIGINS ?? (auth.mode === "dev" ? "*" : ""));
  return {
    port: env.HOIST_PORT,
    host: auth.mode === "dev" ? "127.0.0.1" : "0.0.0.0",
    ...(env.HOIST_PUBLIC_URL && { publicUrl: env.HOIST_PUBLIC_URL.replace(/\/+$/, "") }),
    storage,
    database,
    auth,
    corsOrigins,
    dataDir,
    maxBatch: env.HOIST_MAX_BATCH,
    requestTimeoutMs: env.HOIST_REQUEST_TIMEOUT_MS,
    sweepGraceSeconds: env.HOIST_SWEEP_GRACE_SECONDS,
    limits: {
      rateLimit: env.HOIST_RATE_LIMIT,
      quotaOpenUploads: env.HOIST_QUOTA_OPEN_UPLOADS,
      ...(env.HOIST_QUOTA_BYTES !== undefined && { quotaBytes: env.HOIST_QUOTA_BYTES }),
    },
    shutdownTimeoutMs: env.HOIST_SHUTDOWN_TIMEOUT_MS,
    maxEventLoopDelayMs: env.HOIST_MAX_EVENT_LOOP_DELAY_MS,
    logLevel: env.HOIST_LOG_LEVEL,
    events: { subjects: (env.HOIST_EVENT_SUBJECTS ?? "").split(",").map((s) => s.trim()).filter(Boolean), retentionHours: env.HOIST_EVENT_RETENTION_HOURS },
    ...(env.HOIST_METRICS_TOKEN && { metricsToken: env.HOIST_METRICS_TOKEN }),
  };
}
