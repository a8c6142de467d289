import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectHoistError } from "./support/bad-input-expect";
import { freshUser, leftovers, sessionRow } from "./support/bad-input-leftovers";
import { crc64, putCrcParts, storedCrc64 } from "./support/crc64";
import { partFloor, testRoutes } from "./support/harness";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";
import { s3Profile, s3Provider } from "./support/s3-target";
import { testBytes } from "./support/upload";

const octets = "application/octet-stream";

// A profile whose storage does not verify CRC64NVME: the store under test's own where it cannot (Ceph RGW, in CI),
// else r2's (AWS-like in everything this file touches, but without relying on CRC64NVME) on a store that could.
const provider = s3Profile.crc64nvme ? "r2" : s3Provider;

/** The value of one sample in Prometheus' text format. */
const sample = (text: string, series: string) => Number(text.split("\n").find((l) => l.startsWith(`${series} `))?.slice(series.length + 1));

describe(`crc64nvme where storage cannot verify it (${provider} profile on ${s3Provider})`, () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("pglite", {
      provider,
      routes: (s3) => testRoutes(s3, { checked: { maxSize: "1GB", types: ["*/*"], minPartSize: partFloor(s3), verify: "read" } }),
    });
  });
  afterAll(() => stack.close());

  const upload = async (label: string, route: string, size = partFloor(stack.s3) * 2 + 99) => {
    const user = freshUser(label);
    const client = await stack.api.client(user);
    const bytes = testBytes(size);
    const created = await client.upload.create.mutate({ route, name: "v.bin", size, type: octets, checksum: "crc64nvme" });
    const signed = await putCrcParts(client, created, bytes);
    return { user, client, created, signed, whole: await crc64(bytes) };
  };

  it('verify: "read": storage gets no checksum headers; the server reads the object once and records it as verified by the server', async () => {
    const { client, created, signed, whole } = await upload("read-ok", "checked");
    expect(signed.some((part) => "x-amz-checksum-crc64nvme" in part.headers)).toBe(false);
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId, checksum: whole });
    expect(file).toMatchObject({ checksum: `crc64nvme:${whole}`, checksumVerifiedBy: "server" });
    expect(file.unverifiedChecksum).toBeUndefined();
    expect(await storedCrc64(client, file.id)).toBe(whole);
    const metrics = await (await fetch(`${stack.api.url}/metrics`)).text();
    expect(sample(metrics, 'hoist_checksum_read_bytes_total{route="checked"}')).toBe(file.size);
    expect(sample(metrics, 'hoist_checksum_read_duration_seconds_count{route="checked"}')).toBe(1);
  });

  it('verify: "read" on a single PUT too', async () => {
    const { client, created, whole } = await upload("read-single", "checked", 500);
    expect(created.strategy).toBe("single");
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId, checksum: whole });
    expect(file).toMatchObject({ checksum: `crc64nvme:${whole}`, checksumVerifiedBy: "server" });
  });

  it('verify: "read" with a wrong whole value: CHECKSUM_MISMATCH, the object deleted, the session aborted, nothing left', async () => {
    const { user, client, created } = await upload("read-wrong", "checked");
    const wrong = await crc64(Buffer.from("another file"));
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId, checksum: wrong }), "CONFLICT", "CHECKSUM_MISMATCH");
    expect(failure.message).toContain(wrong);
    expect(failure.message).toContain("start a new upload");
    expect((await sessionRow(stack, created.uploadId)).status).toBe("aborted");
    expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 0, objects: 0 });
  });

  it("without verify: the client's value is recorded as unverifiedChecksum only, never as checksum", async () => {
    const { client, created, whole } = await upload("unverified", "default");
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId, checksum: whole });
    expect(file.unverifiedChecksum).toBe(`crc64nvme:${whole}`);
    expect(file).not.toHaveProperty("checksum");
    expect(file).not.toHaveProperty("checksumVerifiedBy");
    expect(await client.files.get.query({ id: file.id })).toEqual(file);
  });
});
