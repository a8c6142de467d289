import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@hoist/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_USER, setupAuth } from "../src/auth-setup";
import { configFromEnv } from "../src/config";
import { EnvError, readEnv } from "../src/env";
import { startMainProcess as startMain } from "./support/main-process";
import { rawRequest } from "@hoist/local-s3/testing";
import { testBytes, uploadFile } from "./support/upload";

describe("configuration", () => {
  it.each([
    ["HOIST_PORT", { HOIST_PORT: "eighty" }],
    ["HOIST_S3_PROVIDER", { HOIST_S3_PROVIDER: "dropbox" }],
    ["HOIST_S3_ENDPOINT", { HOIST_S3_ENDPOINT: "not a url" }],
    ["HOIST_DATABASE_URL", { HOIST_DATABASE_URL: "mysql://x" }],
    ["HOIST_JWT_SECRET", { HOIST_JWT_SECRET: "short" }],
    ["HOIST_AUTH_MODE", { HOIST_AUTH_MODE: "none" }],
    ["HOIST_JWKS_URL", { HOIST_JWKS_URL: "http://idp.example/jwks.json" }],
    ["HOIST_MAX_BATCH", { HOIST_MAX_BATCH: "0" }],
    ["HOIST_REQUEST_TIMEOUT_MS", { HOIST_REQUEST_TIMEOUT_MS: "soon" }],
    ["HOIST_SWEEP_GRACE_SECONDS", { HOIST_SWEEP_GRACE_SECONDS: "-1" }],
    ["HOIST_SHUTDOWN_TIMEOUT_MS", { HOIST_SHUTDOWN_TIMEOUT_MS: "0" }],
    ["HOIST_MAX_EVENT_LOOP_DELAY_MS", { HOIST_MAX_EVENT_LOOP_DELAY_MS: "-5" }],
    ["HOIST_LOG_LEVEL", { HOIST_LOG_LEVEL: "loud" }],
    ["HOIST_METRICS_TOKEN", { HOIST_METRICS_TOKEN: "short" }],
  ])("a bad %s stops start-up with a message naming it", (name, env) => {
    expect(() => configFromEnv(readEnv(env))).toThrow(EnvError);
    expect(() => configFromEnv(readEnv(env))).toThrow(name);
  });

  it("jwt mode (the default once S3 or the DB is external) requires a secret or JWKS", () => {
    const env = readEnv({ HOIST_S3_ENDPOINT: "http://127.0.0.1:1", HOIST_S3_PROVIDER: "minio" });
    expect(() => configFromEnv(env)).toThrow(/HOIST_JWT_SECRET/);
  });

  it("HOIST_MAX_BATCH and HOIST_REQUEST_TIMEOUT_MS default to 10 and 30 s; aud/iss reach the verifier's config", () => {
    const config = configFromEnv(readEnv({ HOIST_JWT_AUDIENCE: "hoist", HOIST_JWT_ISSUER: "https://idp.test" }));
    expect(config).toMatchObject({ maxBatch: 10, requestTimeoutMs: 30_000, shutdownTimeoutMs: 10_000, maxEventLoopDelayMs: 1000, auth: { audience: "hoist", issuer: "https://idp.test" } });
  });

  it("dev mode's demo token carries exp, and aud/iss when they are enforced", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "hoist-token-"));
    try {
      const config = configFromEnv(readEnv({ HOIST_DATA_DIR: dataDir, HOIST_JWT_AUDIENCE: "hoist", HOIST_JWT_ISSUER: "https://idp.test" }));
      const { auth, demoToken } = await setupAuth(config);
      const payload = JSON.parse(Buffer.from(demoToken!.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
      expect(payload).toMatchObject({ sub: DEMO_USER, aud: "hoist", iss: "https://idp.test" });
      expect(payload.exp).toBeTypeOf("number");
      expect(await auth.verify(demoToken!)).toEqual({ id: DEMO_USER });
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("zero config means embedded S3 and PGlite under HOIST_DATA_DIR, dev auth, loopback", () => {
    const config = configFromEnv(readEnv({ HOIST_DATA_DIR: "/tmp/x" }));
    expect(config).toMatchObject({ storage: { kind: "embedded", dataDir: "/tmp/x/s3" }, database: { dataDir: "/tmp/x/db" } });
    expect(config).toMatchObject({ auth: { mode: "dev" }, host: "127.0.0.1", port: 3000, sweepGraceSeconds: 3600 });
    expect(configFromEnv(readEnv({ HOIST_SWEEP_GRACE_SECONDS: "60" })).sweepGraceSeconds).toBe(60);
  });
});

describe("pnpm start with zero config", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "hoist-start-"));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it("exits non-zero naming a bad variable", async () => {
    const main = startMain({ HOIST_PORT: "-1" });
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain("HOIST_PORT");
  });

  it("Ctrl-C the moment the server prints its first line still closes gracefully (three at once, exit 0)", async () => {
    // A signal with no handler kills at once; the handler must be in place before anything is printed, since a
    // supervisor (or a test) may react to the first line. Three at once make the old race show on a loaded machine.
    const dirs = await Promise.all([1, 2, 3].map(() => mkdtemp(join(tmpdir(), "hoist-sigint-"))));
    try {
      const ended = await Promise.all(dirs.map(async (dir) => {
        const main = startMain({ HOIST_DATA_DIR: join(dir, "data"), HOIST_PORT: "0" });
        main.child.stdout?.once("data", () => main.child.kill("SIGINT"));
        return { code: await main.exited, output: main.output() };
      }));
      for (const { code, output } of ended) {
        expect(code, output).toBe(0);
        expect(output).toContain("Closing     new requests get 503");
      }
    } finally {
      await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
    }
  });

  it("prints the web app and API URLs and a demo token (also at /dev/token) that works for a whole upload through the embedded store", async () => {
    const main = startMain({ HOIST_DATA_DIR: dataDir, HOIST_PORT: "0" });
    try {
      const output = await main.waitFor(/HOIST_TOKEN=\S+\n/);
      const url = /Hoist API\s+(http:\/\/127\.0\.0\.1:\d+)\/trpc/.exec(output)?.[1];
      const token = /HOIST_TOKEN=(\S+)/.exec(output)?.[1];
      expect((await rawRequest(`${url!}/healthz`, { method: "GET" })).body.toString()).toBe('{"ok":true}');
      // The web app signs in with the same token from /dev/token; `pnpm start` says where the page is (or how to build it).
      const devToken = await rawRequest(`${url!}/dev/token`, { method: "GET" });
      expect(JSON.parse(devToken.body.toString())).toEqual({ token });
      expect(output).toMatch(new RegExp(`Web app\\s+(${url!}/\\n|not built .*pnpm --filter @hoist/web build)`));
      const client = createTRPCClient<AppRouter>({
        links: [httpLink({ url: `${url!}/trpc`, headers: { authorization: `Bearer ${token!}` } })],
      });
      const bytes = testBytes(6 * 1024 * 1024);
      const { created, record } = await uploadFile(client, { name: "first.bin", type: "application/octet-stream", bytes });
      expect(created.strategy).toBe("multipart");
      expect(record.size).toBe(bytes.length);
      // The web app's browser PUTs straight to the embedded store: CORS must let it.
      const storage = /Storage\s+(\S+)/.exec(output)?.[1];
      const preflight = await rawRequest(`${storage!}/hoist/${created.key}`, {
        method: "OPTIONS",
        headers: { origin: "http://localhost:5173", "access-control-request-method": "PUT" },
      });
      expect(preflight.status).toBe(200);
      expect(preflight.headers["access-control-allow-origin"]).toBeDefined();
    } catch (error) {
      throw new Error(`${String(error)}\n--- server output ---\n${main.output()}`, { cause: error });
    } finally {
      expect(await main.stop()).toBe(0);
    }
  });

  it("prints HOIST_PUBLIC_URL as the web app's address (a proxy in front) beside where it listens", async () => {
    const main = startMain({ HOIST_DATA_DIR: dataDir, HOIST_PORT: "0", HOIST_PUBLIC_URL: "https://uploads.example.com/" });
    try {
      const output = await main.waitFor(/Database .*\n/);
      const url = /Hoist API\s+(http:\/\/127\.0\.0\.1:\d+)\/trpc/.exec(output)?.[1];
      expect(output).toContain(`Public URL  https://uploads.example.com/   (HOIST_PUBLIC_URL; this process listens on ${url!}/)`);
      expect(output).toMatch(/Web app\s+(https:\/\/uploads\.example\.com\/\n|not built )/);
    } finally {
      expect(await main.stop()).toBe(0);
    }
  });
});
