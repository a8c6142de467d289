import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { TRPCClient } from "@trpc/client";
import { issueToken } from "@hoist/api";
import type { ApiOptions, AppRouter, AuthClaims, RouteTable } from "@hoist/api";
import { routesWithFloor, TEST_SECRET } from "@hoist/api/testing";
import { LOG_LEVELS } from "../../src/logger";
import type { LogLevel } from "../../src/logger";
import { startServer } from "../../src/start";
import type { RunningServer, StartOptions } from "../../src/start";
import type { S3Target } from "./s3-target";

export { TEST_SECRET };

/** Tests are silent unless HOIST_LOG_LEVEL asks for the server's log (e.g. `error`: internal errors and causes). */
function testLogLevel(): LogLevel {
  const asked = process.env.HOIST_LOG_LEVEL;
  return LOG_LEVELS.find((level) => level === asked) ?? "silent";
}

/** Part floor for tests: tiny on local-s3 (which was told so), S3's own 5 MiB elsewhere. */
export const partFloor = (s3: S3Target) => (s3.smallParts ? 1024 : 5 * 1024 * 1024);

/** Routes for tests: like the defaults but with a small part floor and a short URL expiry route. */
export function testRoutes(s3: S3Target, overrides: Parameters<typeof routesWithFloor>[1] = {}): RouteTable {
  return routesWithFloor(partFloor(s3), overrides);
}

/** A running API for one test file, on a database and S3 target the file chose. */
export interface Harness {
  server: RunningServer;
  url: string;
  /** A typed tRPC client for `user` (a fresh HS256 token each call). */
  client(user: string): Promise<TRPCClient<AppRouter>>;
  token(user: string): Promise<string>;
  close(): Promise<void>;
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  s3: S3Target;
  database: { url: string } | "pglite";
  routes?: RouteTable;
  api?: Partial<ApiOptions>;
  bodyLimit?: number;
  /** `aud`/`iss` the server enforces (HOIST_JWT_AUDIENCE / HOIST_JWT_ISSUER); the harness's tokens carry them. */
  claims?: AuthClaims;
  /** HOIST_MAX_BATCH (default 10). */
  maxBatch?: number;
  /** HOIST_REQUEST_TIMEOUT_MS (default 30 s). */
  requestTimeoutMs?: number;
  /** Log level: default HOIST_LOG_LEVEL when set (JSON lines on stdout), else silent. */
  logLevel?: LogLevel;
  /** Where the log lines go instead of stdout (a test reading them). */
  logStream?: StartOptions["logStream"];
}

/** Starts the real server (Fastify, tRPC, real HTTP) on 127.0.0.1 and a free port. */
export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const dataDir = await mkdtemp(join(tmpdir(), "hoist-api-"));
  const server = await startServer(
    {
      port: 0,
      host: "127.0.0.1",
      storage: opts.s3.storage,
      database: opts.database === "pglite" ? { dataDir: join(dataDir, "db") } : opts.database,
      auth: { mode: "jwt", jwtSecret: TEST_SECRET, ...opts.claims },
      corsOrigins: ["*"],
      dataDir,
      ...(opts.maxBatch !== undefined && { maxBatch: opts.maxBatch }),
      ...(opts.requestTimeoutMs !== undefined && { requestTimeoutMs: opts.requestTimeoutMs }),
      logLevel: opts.logLevel ?? testLogLevel(),
    },
    {
      routes: opts.routes ?? testRoutes(opts.s3),
      ...(opts.api && { api: opts.api }),
      ...(opts.bodyLimit && { bodyLimit: opts.bodyLimit }),
      ...(opts.logStream && { logStream: opts.logStream }),
    },
  );
  const token = (user: string) => issueToken(TEST_SECRET, user, 3600, opts.claims);
  return {
    server,
    url: server.url,
    token,
    async client(user) {
      const bearer = `Bearer ${await token(user)}`;
      return createTRPCClient<AppRouter>({ links: [httpLink({ url: `${server.url}/trpc`, headers: { authorization: bearer } })] });
    },
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
