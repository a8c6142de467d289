import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { skipPostgres, startPostgres } from "@hoist/db/testing";
import type { PostgresServer } from "@hoist/db/testing";
import { startHarness } from "./support/harness";
import type { Harness } from "./support/harness";
import { rawRequest } from "@hoist/local-s3/testing";
import { startS3Target } from "./support/s3-target";
import type { S3Target } from "./support/s3-target";
import { partFloor } from "./support/harness";
import { putParts, sha256, testBytes } from "./support/upload";

// The API is stateless: any instance can serve any step of an upload when they share Postgres and S3.
describe.skipIf(skipPostgres())("two server instances on one Postgres and one S3", () => {
  let s3: S3Target;
  let postgres: PostgresServer;
  let a: Harness;
  let b: Harness;

  beforeAll(async () => {
    s3 = await startS3Target();
    postgres = await startPostgres();
    // Started together: both apply migrations at once, which must be safe.
    [a, b] = await Promise.all([
      startHarness({ s3, database: { url: postgres.url } }),
      startHarness({ s3, database: { url: postgres.url } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a.close(), b.close()]);
    await postgres.stop();
    await s3.close();
  });

  it("create on A, sign and PUT via B, complete on A, read back on B", async () => {
    const onA = await a.client("shared-user");
    const onB = await b.client("shared-user");
    const bytes = testBytes(partFloor(s3) * 2 + 99);
    const created = await onA.upload.create.mutate({ name: "ab.bin", size: bytes.length, type: "application/octet-stream" });
    await putParts(onB, created, bytes);
    const { file } = await onA.upload.complete.mutate({ uploadId: created.uploadId });
    expect(await onB.files.get.query({ id: file.id })).toEqual(file);
    const { url } = await onB.files.downloadUrl.mutate({ id: file.id });
    expect(sha256((await rawRequest(url, { method: "GET" })).body)).toBe(sha256(bytes));
  });

  it("concurrent completes on A and B record one file and both return it", async () => {
    const onA = await a.client("shared-user");
    const onB = await b.client("shared-user");
    const bytes = testBytes(partFloor(s3) + 1);
    const created = await onA.upload.create.mutate({ name: "race.bin", size: bytes.length, type: "application/octet-stream" });
    await putParts(onA, created, bytes);
    const [fromA, fromB] = await Promise.all([
      onA.upload.complete.mutate({ uploadId: created.uploadId }),
      onB.upload.complete.mutate({ uploadId: created.uploadId }),
    ]);
    expect(fromA.file).toEqual(fromB.file);
    const listed = await onB.files.list.query({ limit: 100 });
    expect(listed.items.filter((f) => f.id === created.uploadId)).toHaveLength(1);
  });
});
