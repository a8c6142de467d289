import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { apiOptions, createAuth, defaultRoutes, silentLogger } from "@hoist/api";
import { DIALECTS, openTestDb, skipPostgres } from "@hoist/db/testing";
import type { TestDb } from "@hoist/db/testing";
import { buildApp } from "../../src/build-app";
import { openStorage } from "../../src/storage";
import { TEST_SECRET } from "../support/harness";
import { rawRequest } from "@hoist/local-s3/testing";
import { startS3Target } from "../support/s3-target";
import type { S3Target } from "../support/s3-target";

const dialects = skipPostgres() ? DIALECTS.filter((d) => d === "pglite") : DIALECTS;

// The app on a database and a store this file owns, so each can be taken away while the server keeps running.
describe.each(dialects)("/healthz and /readyz (%s)", (dialect) => {
  let database: TestDb;
  let s3: S3Target;
  let app: FastifyInstance;
  let url: string;
  let databaseClosed = false;
  const get = async (path: string) => {
    const res = await rawRequest(`${url}${path}`, { method: "GET" });
    return { status: res.status, body: JSON.parse(res.body.toString()) as unknown };
  };

  beforeAll(async () => {
    database = await openTestDb(dialect);
    s3 = await startS3Target();
    const { storage } = await openStorage(s3.storage, []);
    const deps = { db: database.hoist.db, storage, routes: defaultRoutes, auth: createAuth({ jwtSecret: TEST_SECRET }), options: apiOptions(), log: silentLogger };
    app = await buildApp({ deps, corsOrigins: [] });
    url = await app.listen({ port: 0, host: "127.0.0.1" });
  });
  afterAll(async () => {
    await app.close();
    await s3.close().catch(() => undefined);
    // The last test closed the database handle already; the Postgres server (if any) is still to stop.
    if (databaseClosed) await database.server?.stop();
    else await database.stop();
  });

  it("ready while the database and the bucket answer", async () => {
    expect(await get("/readyz")).toEqual({ status: 200, body: { ok: true, checks: { database: "ok", storage: "ok" } } });
  });

  it("storage gone: /readyz is 503 naming storage, /healthz still 200", async () => {
    await s3.close();
    const ready = await get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ok: false, checks: { database: "ok", storage: expect.stringMatching(/^(unreachable|timeout)$/) as unknown } });
    expect(await get("/healthz")).toEqual({ status: 200, body: { ok: true } });
  });

  it("database closed as well: /readyz names both", async () => {
    await database.hoist.close();
    databaseClosed = true;
    const ready = await get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ ok: false, checks: { database: expect.stringMatching(/^(unreachable|timeout)$/) as unknown } });
  });
});
