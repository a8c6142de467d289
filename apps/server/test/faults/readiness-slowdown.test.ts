import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { apiOptions, createAuth, defaultRoutes, silentLogger } from "@hoist/api";
import { openTestDb } from "@hoist/db/testing";
import type { TestDb } from "@hoist/db/testing";
import { rawRequest, startFaultProxy } from "@hoist/local-s3/testing";
import type { FaultProxy } from "@hoist/local-s3/testing";
import { buildApp } from "../../src/build-app";
import { openStorage } from "../../src/storage";
import { faultStackSkipReason } from "../support/fault-stack";
import { TEST_SECRET } from "../support/harness";
import { startS3Target } from "../support/s3-target";
import type { S3Target } from "../support/s3-target";

const SKIP_REASON = faultStackSkipReason();

// Every instance on a bucket is throttled at once: a readiness probe that failed on 503 SlowDown would take them
// all out of rotation. The probe's timeout is long here so the answer, not the SDK's backoff, decides.
describe.skipIf(SKIP_REASON !== undefined)(`/readyz while storage answers 503 SlowDown${SKIP_REASON ? ` (skipped: ${SKIP_REASON})` : ""}`, () => {
  let database: TestDb;
  let s3: S3Target;
  let proxy: FaultProxy;
  let app: FastifyInstance;
  let url: string;
  const readyz = async () => {
    const res = await rawRequest(`${url}/readyz`, { method: "GET" });
    return { status: res.status, body: JSON.parse(res.body.toString()) as unknown };
  };

  beforeAll(async () => {
    database = await openTestDb("pglite");
    s3 = await startS3Target();
    proxy = await startFaultProxy({ target: s3.storage.endpoint! });
    const { storage } = await openStorage({ ...s3.storage, endpoint: proxy.endpoint }, []);
    const deps = { db: database.hoist.db, storage, routes: defaultRoutes, auth: createAuth({ jwtSecret: TEST_SECRET }), options: apiOptions(), log: silentLogger };
    app = await buildApp({ deps, corsOrigins: [], readyTimeoutMs: 30_000 });
    url = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
    await proxy.close();
    await s3.close();
    await database.stop();
  });

  it("stays ready, naming storage as throttled, when every try of the probe is refused; then ok again", async () => {
    const burst = proxy.slowDownBurst();
    expect(await readyz()).toEqual({ status: 200, body: { ok: true, checks: { database: "ok", storage: "throttled" } } });
    burst.end();
    expect(burst.served).toBeGreaterThanOrEqual(3); // the SDK's tries, all refused
    expect(await readyz()).toEqual({ status: 200, body: { ok: true, checks: { database: "ok", storage: "ok" } } });
  });
});
