import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { sweep } from "@hoist/api";
import { headObject } from "@hoist/s3-core";
import { freshUser, leftovers } from "./support/bad-input-leftovers";
import { partFloor } from "./support/harness";
import { putSigned } from "./support/http";
import { DATABASES, startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { testBytes, uploadFile } from "./support/upload";

const HOUR = 3600;

// Reconciliation: objects under Hoist's prefixes that neither a file row nor a live session owns are deleted
// once older than the grace. Listing pages of 2 keys here, so every case also crosses ListObjectsV2 pages.
describe.each(DATABASES)("reconciliation (%s)", (database) => {
  let stack: Stack;
  let clock = new Date();
  const deps = () => stack.api.server.deps;
  const head = (key: string) => headObject(deps().storage.client, { bucket: deps().storage.bucket, key });
  const sweepAt = (secondsFromNow: number) => {
    clock = new Date(Date.now() + secondsFromNow * 1000);
    return sweep(deps(), { graceSeconds: HOUR });
  };
  const putRaw = (key: string) =>
    deps().storage.client.send(new PutObjectCommand({ Bucket: deps().storage.bucket, Key: key, Body: testBytes(9) }));

  beforeAll(async () => {
    stack = await startStack(database, { api: { now: () => clock, sweepPageSize: 2 } });
  });
  afterAll(() => stack.close());

  it("never deletes a recorded file's object, however old", async () => {
    clock = new Date();
    const user = freshUser("recorded");
    const client = await stack.api.client(user);
    const small = await uploadFile(client, { name: "s.txt", type: "text/plain", bytes: testBytes(10) });
    const large = await uploadFile(client, { name: "l.bin", type: "application/octet-stream", bytes: testBytes(partFloor(stack.s3) * 2 + 1) });
    expect(small.created.strategy).toBe("single");
    expect(large.created.strategy).toBe("multipart");
    expect((await sweepAt(30 * 24 * HOUR)).objects).toBe(0);
    expect(await sweep(deps(), { graceSeconds: 0 })).toMatchObject({ objects: 0 });
    expect((await head(small.record.key))?.size).toBe(10);
    expect((await head(large.record.key))?.size).toBe(partFloor(stack.s3) * 2 + 1);
    expect(await leftovers(stack, user)).toEqual({ sessions: 2, files: 2, multipartUploads: 0, objects: 2 });
  });

  it("deletes objects under a route prefix that nothing owns once past the grace; other keys stay", async () => {
    const user = freshUser("orphan");
    const orphans = Array.from({ length: 5 }, (_, i) => `default/${user}/2026/01/orphan-${i}`);
    for (const key of orphans) await putRaw(key);
    const foreign = `other-tool/${user}/keep`;
    await putRaw(foreign);
    const client = await stack.api.client(user);
    clock = new Date();
    const kept = await uploadFile(client, { name: "k.txt", type: "text/plain", bytes: testBytes(10) });

    expect((await sweepAt(0)).objects).toBe(0);
    expect((await sweepAt(2 * HOUR)).objects).toBe(5);
    for (const key of orphans) expect(await head(key)).toBeUndefined();
    expect(await head(foreign)).toBeDefined();
    expect((await head(kept.record.key))?.size).toBe(10);
  });

  it("a single-PUT URL used again after files.delete re-creates the object; the sweeper deletes it after the grace", async () => {
    clock = new Date();
    const user = freshUser("deleted");
    const client = await stack.api.client(user);
    const { created, record } = await uploadFile(client, { name: "d.txt", type: "text/plain", bytes: testBytes(10) });
    await client.files.delete.mutate({ id: record.id });
    expect((await putSigned(created.single!, testBytes(10))).status).toBe(200);
    expect((await sweepAt(0)).objects).toBe(0);
    expect((await sweepAt(2 * HOUR)).objects).toBe(1);
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });
});
