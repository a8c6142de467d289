import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweep } from "@hoist/api";
import { skipPostgres, startPostgres } from "@hoist/db/testing";
import type { PostgresServer } from "@hoist/db/testing";
import { rawRequest } from "@hoist/local-s3/testing";
import { configFromEnv } from "../src/config";
import { EnvError, readEnv } from "../src/env";
import { expectHoistError } from "./support/bad-input-expect";
import { freshUser, leftovers, nothingLeft } from "./support/bad-input-leftovers";
import { partFloor, startHarness } from "./support/harness";
import type { Harness } from "./support/harness";
import type { Stack } from "./support/matrix";
import { startS3Target } from "./support/s3-target";
import type { S3Target } from "./support/s3-target";
import { testBytes, uploadFile } from "./support/upload";

describe("configuration of per-user limits", () => {
  it.each([
    ["HOIST_RATE_LIMIT", { HOIST_RATE_LIMIT: "-1" }],
    ["HOIST_QUOTA_OPEN_UPLOADS", { HOIST_QUOTA_OPEN_UPLOADS: "0" }],
    ["HOIST_QUOTA_BYTES", { HOIST_QUOTA_BYTES: "lots" }],
  ])("a bad %s stops start-up with a message naming it", (name, env) => {
    expect(() => readEnv(env)).toThrow(EnvError);
    expect(() => readEnv(env)).toThrow(name);
  });

  it("defaults to 600 calls a minute and 100 open uploads per user and no bytes quota; sizes take units", () => {
    expect(configFromEnv(readEnv({})).limits).toEqual({ rateLimit: 600, quotaOpenUploads: 100 });
    const set = readEnv({ HOIST_RATE_LIMIT: "0", HOIST_QUOTA_OPEN_UPLOADS: "5", HOIST_QUOTA_BYTES: "50GB" });
    expect(configFromEnv(set).limits).toEqual({ rateLimit: 0, quotaOpenUploads: 5, quotaBytes: 50 * 1024 ** 3 });
  });
});

/** The first refusal among racing calls, replayed as a rejected promise for `expectHoistError`. */
function firstRefusal(settled: PromiseSettledResult<unknown>[]): Promise<never> {
  const refused = settled.find((s) => s.status === "rejected");
  if (refused === undefined) throw new Error("expected at least one call to be refused");
  return Promise.reject(refused.reason as Error);
}

const RATE_LIMIT = 20;
const OPEN_UPLOADS = 3;
const BYTES_IN_FLOORS = 10;

// Limits are per user across instances: both servers count in the one Postgres they share.
describe.skipIf(skipPostgres())("per-user limits on two instances sharing Postgres", () => {
  let s3: S3Target;
  let postgres: PostgresServer;
  let a: Harness;
  let b: Harness;
  let clock: Date | undefined;
  const floor = () => partFloor(s3);
  const asStack = (api: Harness): Stack => ({ api, s3, close: () => Promise.resolve() });
  const multipart = (name: string, floors: number) => ({ name, size: floor() * floors, type: "application/octet-stream" });

  beforeAll(async () => {
    s3 = await startS3Target();
    postgres = await startPostgres();
    const api = {
      now: () => clock ?? new Date(),
      rateLimit: RATE_LIMIT,
      quotaOpenUploads: OPEN_UPLOADS,
      quotaBytes: partFloor(s3) * BYTES_IN_FLOORS,
    };
    [a, b] = await Promise.all([
      startHarness({ s3, database: { url: postgres.url }, api }),
      startHarness({ s3, database: { url: postgres.url }, api }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await postgres.stop();
    await s3.close();
  });

  it("counts calls on both instances against one rate limit; a refusal is 429 RATE_LIMITED with Retry-After and does nothing", async () => {
    clock = new Date(Date.UTC(2031, 0, 1, 0, 0, 15)); // 15 s into a window: 45 s to wait
    try {
      const user = freshUser("rate");
      const [onA, onB] = [await a.client(user), await b.client(user)];
      for (let i = 0; i < RATE_LIMIT / 2; i += 1) await onA.upload.routes.query({});
      for (let i = 0; i < RATE_LIMIT / 2; i += 1) await onB.upload.routes.query({});
      const raw = await rawRequest(`${b.url}/trpc/upload.create`, {
        method: "POST",
        headers: { authorization: `Bearer ${await b.token(user)}`, "content-type": "application/json" },
        body: Buffer.from(JSON.stringify(multipart("r.bin", 2))),
      });
      expect(raw.status).toBe(429);
      expect(raw.headers["retry-after"]).toBe("45");
      const refused = await expectHoistError(onA.upload.create.mutate(multipart("r.bin", 2)), "TOO_MANY_REQUESTS", "RATE_LIMITED");
      expect(refused.data.retryAfterSeconds).toBe(45);
      expect(refused.message).toContain("HOIST_RATE_LIMIT");
      expect(await leftovers(asStack(a), user)).toEqual(nothingLeft());
      expect((await (await a.client(freshUser("other"))).upload.routes.query({})).routes.length).toBeGreaterThan(0);
      clock = new Date(clock.getTime() + 60_000); // the next window
      expect((await onB.upload.create.mutate(multipart("r.bin", 2))).strategy).toBe("multipart");
    } finally {
      clock = undefined;
    }
  });

  it("lets no more uploads be open at once than HOIST_QUOTA_OPEN_UPLOADS when creates race on both instances", async () => {
    const user = freshUser("open");
    const [onA, onB] = [await a.client(user), await b.client(user)];
    const creates = Array.from({ length: 6 }, (_, i) => (i % 2 === 0 ? onA : onB).upload.create.mutate(multipart(`o${i}.bin`, 2)));
    const settled = await Promise.allSettled(creates);
    const created = settled.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    expect(created).toHaveLength(OPEN_UPLOADS);
    const failure = await expectHoistError(firstRefusal(settled), "TOO_MANY_REQUESTS", "QUOTA_EXCEEDED");
    expect(failure.message).toContain("HOIST_QUOTA_OPEN_UPLOADS");
    expect(await leftovers(asStack(a), user)).toEqual({ ...nothingLeft(), sessions: OPEN_UPLOADS, multipartUploads: OPEN_UPLOADS });
    await onB.upload.abort.mutate({ uploadId: created[0]!.uploadId });
    expect((await onA.upload.create.mutate(multipart("again.bin", 2))).strategy).toBe("multipart");
  });

  it("holds HOIST_QUOTA_BYTES over stored files and open uploads when creates race on both instances", async () => {
    const user = freshUser("bytes");
    const [onA, onB] = [await a.client(user), await b.client(user)];
    await uploadFile(onA, { name: "kept.bin", type: "application/octet-stream", bytes: testBytes(floor() * 4) });
    // 4 floors stored, 10 allowed: two more uploads of 3 floors fit, a third does not.
    const settled = await Promise.allSettled([0, 1, 2, 3].map((i) => (i % 2 === 0 ? onA : onB).upload.create.mutate(multipart(`b${i}.bin`, 3))));
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(2);
    const failure = await expectHoistError(firstRefusal(settled), "TOO_MANY_REQUESTS", "QUOTA_EXCEEDED");
    expect(failure.message).toContain("HOIST_QUOTA_BYTES");
    expect(await leftovers(asStack(b), user)).toEqual({ sessions: 3, files: 1, multipartUploads: 2, objects: 1 });
  });

  it("a create whose multipart upload storage refuses leaves no session row behind to count against the quota", async () => {
    const user = freshUser("refused");
    const { client } = a.server.deps.storage;
    const name = "refuse-create-multipart";
    client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === "CreateMultipartUploadCommand") throw new Error("storage is down");
        return next(args);
      },
      { step: "initialize", name },
    );
    try {
      await expect((await a.client(user)).upload.create.mutate(multipart("down.bin", 2))).rejects.toThrow(/internal error/);
    } finally {
      client.middlewareStack.remove(name);
    }
    expect(await leftovers(asStack(a), user)).toEqual(nothingLeft());
  });

  // Last: a sweep at a late clock also expires the sessions the tests above left open.
  it("a sweep deletes rate windows that have ended", async () => {
    clock = new Date(Date.UTC(2031, 0, 1, 0, 5, 0));
    try {
      const report = await sweep(a.server.deps, { graceSeconds: 3600 });
      expect(report.rateWindows).toBeGreaterThan(0);
      expect((await sweep(b.server.deps, { graceSeconds: 3600 })).rateWindows).toBe(0);
    } finally {
      clock = undefined;
    }
  });
});
