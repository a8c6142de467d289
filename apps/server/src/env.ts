import { z } from "zod";
import { S3_PROVIDERS } from "@hoist/s3-core";
import { jwksUrlProblem } from "@hoist/api";
import { parseSize } from "@hoist/contract";
import { LOG_LEVELS } from "./logger";

const optional = z
  .string()
  .transform((value) => (value.trim() === "" ? undefined : value.trim()))
  .optional();
const url = (what: string) =>
  optional.refine((value) => value === undefined || URL.canParse(value), { error: `must be a URL (${what})` });
const positiveInt = (what: string, fallback: number) =>
  z.coerce.number({ error: `must be a whole number (${what})` }).int({ error: `must be a whole number (${what})` }).min(1, { error: `must be at least 1 (${what})` }).default(fallback);
/** A byte count such as `10GB` or `1099511627776` (binary units, as in route policies); unset means no limit. */
const size = (what: string) =>
  optional.transform((value, ctx) => {
    if (value === undefined) return undefined;
    try {
      return parseSize(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: `${(error as Error).message} (${what}, e.g. 50GB)` });
      return z.NEVER;
    }
  });
const bool = optional.refine((value) => value === undefined || /^(true|false|1|0)$/i.test(value), {
  error: "must be true or false",
});

/** Every variable the server reads (DESIGN "Configuration"); only this file touches `process.env`. */
const EnvSchema = z.object({
  HOIST_PORT: z.coerce.number({ error: "must be a port number" }).int().min(0).max(65535).default(3000),
  HOIST_PUBLIC_URL: url("the URL browsers use to reach this server"),
  HOIST_S3_ENDPOINT: url("e.g. http://127.0.0.1:9000"),
  HOIST_S3_REGION: optional,
  HOIST_S3_BUCKET: optional,
  HOIST_S3_ACCESS_KEY_ID: optional,
  HOIST_S3_SECRET_ACCESS_KEY: optional,
  HOIST_S3_FORCE_PATH_STYLE: bool,
  HOIST_S3_PROVIDER: z.enum(S3_PROVIDERS, { error: `must be one of ${S3_PROVIDERS.join(", ")}` }).optional(),
  HOIST_DATABASE_URL: optional.refine((v) => v === undefined || /^postgres(ql)?:\/\//.test(v), {
    error: "must be a postgres:// URL",
  }),
  HOIST_DATA_DIR: optional,
  HOIST_JWT_SECRET: optional.refine((v) => v === undefined || v.length >= 32, {
    error: "must be at least 32 characters (HS256 secret)",
  }),
  HOIST_JWKS_URL: optional.superRefine((value, ctx) => {
    const problem = value === undefined ? undefined : jwksUrlProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: `${problem} (the identity provider's JWKS endpoint)` });
  }),
  HOIST_JWT_AUDIENCE: optional,
  HOIST_JWT_ISSUER: optional,
  HOIST_AUTH_MODE: z.enum(["jwt", "dev"], { error: 'must be "jwt" or "dev"' }).optional(),
  HOIST_CORS_ORIGINS: optional,
  HOIST_MAX_BATCH: positiveInt("calls per batched HTTP request", 10),
  HOIST_REQUEST_TIMEOUT_MS: positiveInt("milliseconds a request may take to arrive", 30_000),
  HOIST_SWEEP_GRACE_SECONDS: z.coerce.number({ error: "must be a number of seconds" }).int().min(0).default(3600),
  HOIST_RATE_LIMIT: z.coerce
    .number({ error: "must be a whole number (API calls per minute per user; 0 turns the limit off)" })
    .int({ error: "must be a whole number (API calls per minute per user; 0 turns the limit off)" })
    .min(0, { error: "must be 0 (no limit) or more (API calls per minute per user)" })
    .default(600),
  HOIST_QUOTA_OPEN_UPLOADS: positiveInt("uploads in progress per user", 100),
  HOIST_QUOTA_BYTES: size("bytes of files and uploads in progress per user"),
  HOIST_SHUTDOWN_TIMEOUT_MS: positiveInt("milliseconds a stopping server waits for requests in flight", 10_000),
  HOIST_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number({ error: "must be a whole number of milliseconds, 0 for off" }).int().min(0).default(1000),
  HOIST_LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  HOIST_EVENT_SUBJECTS: optional.superRefine((value, ctx) => {
    const bad = value?.split(",").map((s) => s.trim()).find((s) => s === "" || /\s/.test(s));
    if (bad !== undefined) ctx.addIssue({ code: "custom", message: `must be user ids (token subjects) separated by commas, without blanks (got ${JSON.stringify(value)})` });
  }),
  HOIST_EVENT_RETENTION_HOURS: positiveInt("hours files.onCompleted events are kept for resuming subscribers", 168),
  HOIST_METRICS_TOKEN: optional.refine((v) => v === undefined || v.length >= 16, {
    error: "must be at least 16 characters (the bearer token Prometheus sends to /metrics)",
  }),
});

/** The environment after validation; names as in DESIGN.md. */
export type Env = z.infer<typeof EnvSchema>;

/** A bad variable: the message names it, so start-up can stop with something a person can fix. */
export class EnvError extends Error {
  override name = "EnvError";
}

/**
 * Validates the environment. A bad value throws {@link EnvError} naming every bad variable and why.
 * @param source usually `process.env`; tests pass their own
 */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`invalid configuration:\n${lines.join("\n")}`);
}
