import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweep } from "@hoist/api";
import { claimCompleting, getSession } from "@hoist/db";
import { collectParts, completeMultipart, headObject } from "@hoist/s3-core";
import { expectHoistError } from "./support/bad-input-expect";
import { freshUser, leftovers } from "./support/bad-input-leftovers";
import { partFloor, testRoutes } from "./support/harness";
import { holdStorage } from "./support/hold-storage";
import { DATABASES, startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { putParts, testBytes } from "./support/upload";

const LEASE_SECONDS = 900;

// Storage's Complete and the database's commit are two steps; the sweeper and upload.abort can run between them.
// Each race is driven step by step: storage's answer is held, the clock is moved, the sweeper is called.
describe.each(DATABASES)("races at complete (%s)", (database) => {
  let stack: Stack;
  let clock = new Date();
  const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));
  const deps = () => stack.api.server.deps;
  const head = (key: string) => headObject(deps().storage.client, { bucket: deps().storage.bucket, key });

  beforeAll(async () => {
    stack = await startStack(database, {
      routes: (s3) => testRoutes(s3, { short: { maxSize: "1GB", types: ["*/*"], minPartSize: partFloor(s3), sessionTtl: 60 } }),
      api: { now: () => clock, completeLeaseSeconds: LEASE_SECONDS },
    });
  });
  afterAll(() => stack.close());

  /** A fresh user's multipart upload on the 60-second route with every part uploaded. */
  async function uploaded(label: string) {
    clock = new Date(); // URLs are signed at the API's clock; storage checks them against its own
    const user = freshUser(label);
    const client = await stack.api.client(user);
    const bytes = testBytes(partFloor(stack.s3) * 2 + 3);
    const created = await client.upload.create.mutate({ route: "short", name: "r.bin", size: bytes.length, type: "application/octet-stream" });
    await putParts(client, created, bytes);
    return { user, client, created, size: bytes.length };
  }

  it("the sweeper does not expire a session whose complete holds the lease; the file is recorded and kept", async () => {
    const { user, client, created, size } = await uploaded("lease");
    const hold = holdStorage(deps().storage.client, "CompleteMultipartUploadCommand");
    const completing = client.upload.complete.mutate({ uploadId: created.uploadId });
    await hold.reached;
    later(120);
    expect((await sweep(deps(), { graceSeconds: 0 })).expired).toBe(0);
    hold.release();
    expect((await completing).file).toMatchObject({ id: created.uploadId, size });
    expect((await sweep(deps(), { graceSeconds: 0 })).objects).toBe(0);
    expect((await head(created.key))?.size).toBe(size);
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 1, multipartUploads: 0, objects: 1 });
  });

  it("upload.abort during complete: CONFLICT/NOT_UPLOADING, and the complete records the file", async () => {
    const { user, client, created, size } = await uploaded("abort");
    const hold = holdStorage(deps().storage.client, "CompleteMultipartUploadCommand");
    const completing = client.upload.complete.mutate({ uploadId: created.uploadId });
    await hold.reached;
    const failure = await expectHoistError(client.upload.abort.mutate({ uploadId: created.uploadId }), "CONFLICT", "NOT_UPLOADING");
    expect(failure.message).toContain("wait for upload.complete");
    hold.release();
    expect((await completing).file).toMatchObject({ id: created.uploadId, size });
    expect((await head(created.key))?.size).toBe(size);
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 1, multipartUploads: 0, objects: 1 });
  });

  it("a crash between storage's Complete and the commit, then expiry: the sweeper deletes the assembled object", async () => {
    const { user, created } = await uploaded("crash");
    const row = (await getSession(deps().db, created.uploadId))!;
    const { client: s3, bucket, profile } = deps().storage;
    const ref = { bucket, key: row.key, uploadId: row.s3UploadId!, profile };
    await claimCompleting(deps().db, row.id, new Date(clock.getTime() + LEASE_SECONDS * 1000));
    await completeMultipart(s3, profile, { ...ref, parts: await collectParts(s3, ref), ifNoneMatch: false });
    // The process died here. Once both the session and the lease have run out, the sweeper ends it.
    later(120);
    expect((await sweep(deps(), { graceSeconds: 3600 })).expired).toBe(0);
    later(LEASE_SECONDS);
    expect((await sweep(deps(), { graceSeconds: 3600 })).expired).toBe(1);
    expect(await head(created.key)).toBeUndefined();
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });

  it("a complete that outlives its lease and loses the session: CONFLICT/NOT_UPLOADING, nothing left behind", async () => {
    const { user, client, created } = await uploaded("lost");
    const hold = holdStorage(deps().storage.client, "HeadObjectCommand");
    const completing = client.upload.complete.mutate({ uploadId: created.uploadId });
    await hold.reached;
    later(LEASE_SECONDS + 120);
    expect((await sweep(deps(), { graceSeconds: 3600 })).expired).toBe(1);
    hold.release();
    const failure = await expectHoistError(completing, "CONFLICT", "NOT_UPLOADING");
    expect(failure.message).toContain("start a new upload");
    expect((await getSession(deps().db, created.uploadId))?.status).toBe("expired");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });
});
