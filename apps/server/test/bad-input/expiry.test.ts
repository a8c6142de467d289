import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { headObject } from "@hoist/s3-core";
import { expectHoistError } from "../support/bad-input-expect";
import { freshUser, leftovers, sessionRow } from "../support/bad-input-leftovers";
import { partFloor, testRoutes } from "../support/harness";
import { rawRequest } from "@hoist/local-s3/testing";
import { putSigned } from "../support/http";
import { DATABASES, startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { testBytes, uploadFile } from "../support/upload";

const URL_TTL = 60;
const SESSION_TTL = 120;
const HOUR = 3600 * 1000;

// The API's clock is a variable: URLs signed "an hour ago" are expired for storage, and sessions expire by moving
// the clock forward. No sleeping.
describe.each(DATABASES)("bad input: expired URLs and sessions (%s)", (database) => {
  let stack: Stack;
  let clock: Date | undefined;
  const setClock = (at: Date | undefined) => {
    clock = at;
  };
  const head = (key: string) => headObject(stack.api.server.deps.storage.client, { bucket: stack.api.server.deps.storage.bucket, key });

  beforeAll(async () => {
    stack = await startStack(database, {
      api: { now: () => clock ?? new Date() },
      routes: (s3) => testRoutes(s3, { brief: { maxSize: "1GB", types: ["*/*"], minPartSize: partFloor(s3), urlExpiresIn: URL_TTL, sessionTtl: SESSION_TTL } }),
    });
  });
  beforeEach(() => {
    setClock(undefined);
  });
  afterAll(() => stack.close());

  /** Storage's answer to a URL past its expiry: 403 AccessDenied (local-s3 and AWS also say "Request has expired"). */
  const expectExpiredAnswer = (res: { status: number; body: string }) => {
    expect(res.status).toBe(403);
    expect(res.body).toContain("AccessDenied");
    if (stack.s3.provider === "local") expect(res.body).toContain("Request has expired");
  };

  /** A fresh user's 2-part upload on the brief route, created at the real time. */
  const twoParts = async () => {
    const user = freshUser("expiry");
    const client = await stack.api.client(user);
    const bytes = testBytes(partFloor(stack.s3) + 50);
    const created = await client.upload.create.mutate({ route: "brief", name: "e.bin", size: bytes.length, type: "application/octet-stream" });
    return { user, client, bytes, created };
  };

  it("a part URL signed an hour ago with a 60 s expiry: storage answers 403, nothing is stored", async () => {
    const { user, client, bytes, created } = await twoParts();
    setClock(new Date(Date.now() - HOUR));
    const [signed] = (await client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 1 }] })).parts;
    setClock(undefined);
    expect(Date.parse(signed!.expiresAt)).toBeLessThan(Date.now());
    expectExpiredAnswer(await putSigned(signed!, bytes.subarray(0, created.partSize)));
    expect((await client.upload.listParts.query({ uploadId: created.uploadId })).parts).toEqual([]);
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 1, objects: 0 });
  });

  it("a single PUT URL signed an hour ago: 403, no object", async () => {
    const user = freshUser("expiry");
    const client = await stack.api.client(user);
    setClock(new Date(Date.now() - HOUR));
    const created = await client.upload.create.mutate({ route: "brief", name: "s.txt", size: 8, type: "text/plain" });
    setClock(undefined);
    expectExpiredAnswer(await putSigned(created.single!, testBytes(8)));
    expect(await head(created.key)).toBeUndefined();
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });

  it("a download URL signed an hour ago: 403, the file is not served", async () => {
    const client = await stack.api.client(freshUser("expiry"));
    const { record } = await uploadFile(client, { route: "brief", name: "d.txt", type: "text/plain", bytes: testBytes(8) });
    setClock(new Date(Date.now() - HOUR));
    const { url } = await client.files.downloadUrl.mutate({ id: record.id });
    setClock(undefined);
    const res = await rawRequest(url, { method: "GET" });
    expectExpiredAnswer({ status: res.status, body: res.body.toString() });
  });

  it("signParts past the session's expiry: PRECONDITION_FAILED/SESSION_EXPIRED naming when; nothing signed", async () => {
    const { user, client, created } = await twoParts();
    setClock(new Date(Date.parse(created.expiresAt) + 1));
    const failure = await expectHoistError(
      client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 1 }] }),
      "PRECONDITION_FAILED",
      "SESSION_EXPIRED",
    );
    expect(failure.message).toContain(created.expiresAt);
    expect(failure.message).toContain("start a new upload");
    expect(failure.data.httpStatus).toBe(412);
    expect((await client.upload.listParts.query({ uploadId: created.uploadId })).parts).toEqual([]);
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 1, objects: 0 });
  });

  it("at the expiry instant signing still works; one millisecond later it does not", async () => {
    const { client, created } = await twoParts();
    const parts = [{ partNumber: 1 }];
    setClock(new Date(created.expiresAt));
    expect((await client.upload.signParts.mutate({ uploadId: created.uploadId, parts })).parts).toHaveLength(1);
    setClock(new Date(Date.parse(created.expiresAt) + 1));
    await expectHoistError(client.upload.signParts.mutate({ uploadId: created.uploadId, parts }), "PRECONDITION_FAILED", "SESSION_EXPIRED");
  });

  it("complete past the session's expiry, every part uploaded: SESSION_EXPIRED, no file, no object", async () => {
    const { user, client, bytes, created } = await twoParts();
    const signed = await client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 1 }, { partNumber: 2 }] });
    for (const part of signed.parts) {
      const start = (part.partNumber - 1) * created.partSize;
      expect((await putSigned(part, bytes.subarray(start, start + created.partSize))).status).toBe(200);
    }
    setClock(new Date(Date.parse(created.expiresAt) + SESSION_TTL * 1000));
    await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "PRECONDITION_FAILED", "SESSION_EXPIRED");
    expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
    expect(await head(created.key)).toBeUndefined();
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 1, objects: 0 });
  });
});
