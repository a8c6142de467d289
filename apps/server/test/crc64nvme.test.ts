import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectHoistError } from "./support/bad-input-expect";
import { freshUser, leftovers, sessionRow } from "./support/bad-input-leftovers";
import { crc64, putCrcParts, storedCrc64 } from "./support/crc64";
import { eventClient, recordEvents } from "./support/events";
import { partFloor } from "./support/harness";
import { putSigned } from "./support/http";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { s3Profile, s3Provider } from "./support/s3-target";
import { testBytes } from "./support/upload";

const octets = "application/octet-stream";

// Storage checks every part's CRC64NVME and the whole file's value at complete (Ceph RGW 16 cannot: there the
// server's own read covers it, see verify-read.test.ts).
describe.skipIf(!s3Profile.crc64nvme)(`checksum "crc64nvme" verified by storage (${s3Provider})`, () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("pglite");
  });
  afterAll(() => stack.close());

  const multipart = async (label: string) => {
    const user = freshUser(label);
    const client = await stack.api.client(user);
    const bytes = testBytes(partFloor(stack.s3) * 2 + 77);
    const created = await client.upload.create.mutate({ name: "c.bin", size: bytes.length, type: octets, checksum: "crc64nvme" });
    const signed = await putCrcParts(client, created, bytes);
    return { user, client, bytes, created, signed, whole: await crc64(bytes) };
  };

  it("multipart: each part URL signs its CRC64NVME, storage checks the whole value, and the record holds it", async () => {
    const { user, client, created, signed, whole } = await multipart("crc-multi");
    expect(created).toMatchObject({ strategy: "multipart", partCount: 3, checksum: "crc64nvme" });
    expect(signed.every((part) => /^[A-Za-z0-9+/]{11}=$/.test(part.headers["x-amz-checksum-crc64nvme"] ?? ""))).toBe(true);
    const events = recordEvents(eventClient(stack.api.url, await stack.api.token(user)));
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId, checksum: whole });
    expect(file).toMatchObject({ checksum: `crc64nvme:${whole}`, checksumVerifiedBy: "storage" });
    expect(file.unverifiedChecksum).toBeUndefined();
    expect(await storedCrc64(client, file.id)).toBe(whole);
    expect(await client.files.get.query({ id: file.id })).toEqual(file);
    // Repeated: the same record.
    expect((await client.upload.complete.mutate({ uploadId: created.uploadId, checksum: whole })).file).toEqual(file);
    await events.until(() => events.events.length === 1);
    events.stop();
    expect(events.events[0]?.file).toEqual(file);
  });

  it("single PUT: the URL signs the whole file's CRC64NVME; complete compares it with what storage holds", async () => {
    const client = await stack.api.client(freshUser("crc-single"));
    const bytes = testBytes(700);
    const created = await client.upload.create.mutate({ name: "s.bin", size: bytes.length, type: octets, checksum: "crc64nvme" });
    expect(created.strategy).toBe("single");
    const [signed] = await putCrcParts(client, created, bytes);
    expect(signed?.headers["x-amz-checksum-crc64nvme"]).toBe(await crc64(bytes));
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId, checksum: await crc64(bytes) });
    expect(file).toMatchObject({ checksum: `crc64nvme:${await crc64(bytes)}`, checksumVerifiedBy: "storage" });
    expect(await storedCrc64(client, file.id)).toBe(await crc64(bytes));
  });

  it("a wrong whole value: CHECKSUM_MISMATCH, no file; the session stays uploading with storage's upload open, so the right value completes", async () => {
    const { user, client, created, whole } = await multipart("crc-wrong");
    const wrong = await crc64(Buffer.from("not this file"));
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId, checksum: wrong }), "CONFLICT", "CHECKSUM_MISMATCH");
    expect(failure.message).toContain("CRC64NVME");
    expect(failure.message).toContain("complete again");
    expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 1, objects: 0 });
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId, checksum: whole });
    expect(file.checksum).toBe(`crc64nvme:${whole}`);
  });

  it("a single PUT completed with a wrong whole value: CHECKSUM_MISMATCH, the object deleted, the session left to PUT again", async () => {
    const user = freshUser("crc-single-wrong");
    const client = await stack.api.client(user);
    const bytes = testBytes(300);
    const created = await client.upload.create.mutate({ name: "w.bin", size: bytes.length, type: octets, checksum: "crc64nvme" });
    await putCrcParts(client, created, bytes);
    const wrong = await crc64(bytes.subarray(1));
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId, checksum: wrong }), "CONFLICT", "CHECKSUM_MISMATCH");
    expect(failure.message).toContain("PUT the file again");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
    expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
  });

  it("bytes other than a part's signed CRC64NVME are refused by storage (400)", async () => {
    const client = await stack.api.client(freshUser("crc-part"));
    const bytes = testBytes(partFloor(stack.s3) + 10);
    const created = await client.upload.create.mutate({ name: "p.bin", size: bytes.length, type: octets, checksum: "crc64nvme" });
    const part1 = bytes.subarray(0, created.partSize);
    const [signed] = (await client.upload.signParts.mutate({ uploadId: created.uploadId, parts: [{ partNumber: 1, checksum: await crc64(part1) }] })).parts;
    const flipped = Buffer.from(part1);
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect((await putSigned(signed!, flipped)).status).toBe(400);
    expect((await client.upload.listParts.query({ uploadId: created.uploadId })).parts).toEqual([]);
  });
});
