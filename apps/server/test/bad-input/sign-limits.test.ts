import type { TRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "@hoist/api";
import type { ChecksumMode } from "@hoist/contract";
import { expectHoistError } from "../support/bad-input-expect";
import { freshUser, leftovers, sessionRow } from "../support/bad-input-leftovers";
import { partFloor } from "../support/harness";
import { DATABASES, startStack } from "../support/matrix";
import { s3Profile } from "../support/s3-target";
import type { Stack } from "../support/matrix";
import { sha256 } from "../support/upload";

type Client = TRPCClient<AppRouter>;
const BATCH_MAX = 3;
const base64Sha256 = (text: string) => Buffer.from(sha256(Buffer.from(text)), "hex").toString("base64");

// Well-formed signParts calls the session itself refuses: nothing is signed, so nothing can reach storage.
describe.each(DATABASES)("bad input: signParts beyond what the session allows (%s)", (database) => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack(database, { api: { signBatchMax: BATCH_MAX } });
  });
  afterAll(() => stack.close());

  /** A fresh user with a multipart upload of `parts` parts. */
  const session = async (parts: number, checksum: ChecksumMode = "none") => {
    const user = freshUser("sign");
    const client = await stack.api.client(user);
    const size = partFloor(stack.s3) * (parts - 1) + 100;
    const created = await client.upload.create.mutate({ name: "p.bin", size, type: "application/octet-stream", checksum });
    expect(created.partCount).toBe(parts);
    return { user, client, created };
  };

  /** Still uploading, no part in storage, one session and its multipart upload, nothing else. */
  const expectNothingStored = async (user: string, client: Client, uploadId: string) => {
    expect((await sessionRow(stack, uploadId)).status).toBe("uploading");
    expect((await client.upload.listParts.query({ uploadId })).parts).toEqual([]);
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 1, objects: 0 });
  };

  it("part 5 of a 3-part upload: BAD_REQUEST/INVALID_INPUT naming the plan's range", async () => {
    const { user, client, created } = await session(3);
    const failure = await expectHoistError(
      client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 5 }] }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    );
    expect(failure.message).toContain("1..3");
    expect(failure.message).toContain("got 5");
    await expectNothingStored(user, client, created.uploadId);
  });

  it("one part past the plan in an otherwise good batch: the whole batch is refused", async () => {
    const { user, client, created } = await session(3);
    const parts = [{ partNumber: 1 }, { partNumber: 4 }];
    const failure = await expectHoistError(client.upload.signParts.mutate({ uploadId: created.uploadId, parts }), "BAD_REQUEST", "INVALID_INPUT");
    expect(failure.message).toContain("got 4");
    await expectNothingStored(user, client, created.uploadId);
  });

  it("part 2 of a single-PUT upload: INVALID_INPUT naming 1..1", async () => {
    const user = freshUser("sign");
    const client = await stack.api.client(user);
    const created = await client.upload.create.mutate({ name: "s.txt", size: 10, type: "text/plain" });
    const failure = await expectHoistError(
      client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 2 }] }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    );
    expect(failure.message).toContain("1..1");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });

  it(`${BATCH_MAX + 1} parts with signBatchMax ${BATCH_MAX}: INVALID_INPUT naming the limit; ${BATCH_MAX} are signed`, async () => {
    const { user, client, created } = await session(BATCH_MAX + 1);
    const all = Array.from({ length: BATCH_MAX + 1 }, (_, i) => ({ partNumber: i + 1 }));
    const failure = await expectHoistError(client.upload.signParts.mutate({ uploadId: created.uploadId, parts: all }), "BAD_REQUEST", "INVALID_INPUT");
    expect(failure.message).toContain(`at most ${BATCH_MAX} parts`);
    expect(failure.message).toContain(`got ${BATCH_MAX + 1}`);
    expect(failure.data.zodError).toBeNull();
    await expectNothingStored(user, client, created.uploadId);
    const signed = await client.upload.signParts.mutate({ uploadId: created.uploadId, parts: all.slice(0, BATCH_MAX) });
    expect(signed.parts).toHaveLength(BATCH_MAX);
  });

  // Where storage cannot verify checksums (Ceph), upload.create already refuses "sha256" (checksums.test.ts).
  it.skipIf(!s3Profile.flexibleChecksums)('a "sha256" upload signed without checksums: INVALID_INPUT naming the part and the mode', async () => {
    const { user, client, created } = await session(2, "sha256");
    const failure = await expectHoistError(
      client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 1 }] }),
      "BAD_REQUEST",
      "INVALID_INPUT",
    );
    expect(failure.message).toContain('"sha256"');
    expect(failure.message).toContain("part 1");
    await expectNothingStored(user, client, created.uploadId);
  });

  it.skipIf(!s3Profile.flexibleChecksums)('a "sha256" upload with one checksum missing in the batch: the part without one is named', async () => {
    const { user, client, created } = await session(2, "sha256");
    const parts = [{ partNumber: 1, checksum: base64Sha256("one") }, { partNumber: 2 }];
    const failure = await expectHoistError(client.upload.signParts.mutate({ uploadId: created.uploadId, parts }), "BAD_REQUEST", "INVALID_INPUT");
    expect(failure.message).toContain("part 2");
    await expectNothingStored(user, client, created.uploadId);
  });
});
