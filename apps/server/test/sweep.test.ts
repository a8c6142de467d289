import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AbortMultipartUploadCommand, CreateMultipartUploadCommand } from "@aws-sdk/client-s3";
import { sweep } from "@hoist/api";
import { headObject, listAllMultipartUploads } from "@hoist/s3-core";
import { testRoutes } from "./support/harness";
import { putSigned } from "./support/http";
import { DATABASES, startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { putParts, testBytes } from "./support/upload";

describe.each(DATABASES)("sweeper (%s)", (database) => {
  let stack: Stack;
  let clock = new Date();
  const deps = () => stack.api.server.deps;
  const pending = async () => {
    const ids: string[] = [];
    for await (const u of listAllMultipartUploads(deps().storage.client, { bucket: deps().storage.bucket })) ids.push(u.uploadId);
    return ids;
  };

  beforeAll(async () => {
    stack = await startStack(database, {
      routes: (s3) => testRoutes(s3, {
        // 1 KiB parts on every store: these uploads are never completed, so storage's part minimum never applies.
        short: { maxSize: "1GB", types: ["*/*"], minPartSize: 1024, sessionTtl: 60 },
        long: { maxSize: "1GB", types: ["*/*"], minPartSize: 1024 },
      }),
      api: { now: () => clock },
    });
  });
  afterAll(() => stack.close());

  it("expires sessions past their expiry: multipart parts aborted, single objects deleted, status expired", async () => {
    const client = await stack.api.client("sweepy");
    const multi = await client.upload.create.mutate({ route: "short", name: "m.bin", size: 4096, type: "application/octet-stream" });
    await putParts(client, multi, testBytes(4096), { skip: [4] });
    const single = await client.upload.create.mutate({ route: "short", name: "s.txt", size: 10, type: "text/plain" });
    expect((await putSigned(single.single!, testBytes(10))).status).toBe(200);
    const keep = await client.upload.create.mutate({ route: "long", name: "keep.bin", size: 4096, type: "application/octet-stream" });

    clock = new Date(clock.getTime() + 120_000);
    const report = await sweep(deps(), { graceSeconds: 0 });
    expect(report.expired).toBe(2);
    const s3Ids = await pending();
    expect((await client.upload.get.query({ uploadId: multi.uploadId })).status).toBe("expired");
    expect((await client.upload.get.query({ uploadId: single.uploadId })).status).toBe("expired");
    expect(await headObject(deps().storage.client, { bucket: deps().storage.bucket, key: single.key })).toBeUndefined();
    expect((await client.upload.get.query({ uploadId: keep.uploadId })).status).toBe("uploading");
    expect(s3Ids).toHaveLength(1);
    await expect(client.upload.signParts.mutate({ uploadId: multi.uploadId, parts: [{ partNumber: 1 }] })).rejects.toMatchObject({
      data: { code: "CONFLICT", hoistCode: "NOT_UPLOADING" },
    });
    await client.upload.abort.mutate({ uploadId: keep.uploadId });
  });

  it("aborts multipart uploads under a route prefix that no live session owns, and leaves other keys alone", async () => {
    const { client, bucket } = deps().storage;
    const orphan = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "default/nobody/orphan.bin" }));
    const foreign = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "other-tool/file.bin" }));
    const api = await stack.api.client("sweepy");
    const live = await api.upload.create.mutate({ route: "long", name: "live.bin", size: 4096, type: "application/octet-stream" });

    const report = await sweep(deps(), { graceSeconds: 0 });
    expect(report.orphans).toBe(1);
    const ids = await pending();
    expect(ids).not.toContain(orphan.UploadId);
    expect(ids).toContain(foreign.UploadId);
    expect((await api.upload.get.query({ uploadId: live.uploadId })).status).toBe("uploading");
    await api.upload.abort.mutate({ uploadId: live.uploadId });
    await client.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: "other-tool/file.bin", UploadId: foreign.UploadId }));
  });

  it("leaves young orphans alone during the grace period (a create may be between S3 and the database)", async () => {
    const { client, bucket } = deps().storage;
    await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: "default/nobody/young.bin" }));
    expect((await sweep(deps(), { graceSeconds: 3600 })).orphans).toBe(0);
    expect((await sweep(deps(), { graceSeconds: 0 })).orphans).toBe(1);
  });
});
