import { createHash, randomBytes } from "node:crypto";
import { planParts } from "@hoist/contract";
import { getSession, getFileBySession } from "@hoist/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { putSigned, rejection, startTestApi, TEST_PART_FLOOR } from "../../test/support";
import type { Caller, TestApi } from "../../test/support";

const P = TEST_PART_FLOOR;
const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Streams of unknown length: `upload.create { maxSize }`, a short last part signed with its size, complete learns the size. */
describe("upload.* for a stream of unknown length (maxSize)", () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());
  // A fresh caller per call: each carries its own token, as separate HTTP requests would.
  const alice = (): Caller => api.callerFor("alice");

  const stream = (maxSize = P * 10, name = "stream.bin") => alice().upload.create({ name, maxSize, type: "application/octet-stream" });

  /** Signs and PUTs `bytes` as parts 1..k of `uploadId`, the last signed with its size when asked. */
  const sendParts = async (uploadId: string, bytes: Uint8Array, numbers: number[], lastWithSize = true) => {
    const count = Math.max(1, Math.ceil(bytes.length / P));
    const parts = numbers.map((partNumber) => {
      const body = bytes.subarray((partNumber - 1) * P, Math.min(bytes.length, partNumber * P));
      const short = partNumber === count && lastWithSize && body.length < P;
      return { partNumber, body, ...(short && { size: body.length }) };
    });
    const signed = await alice().upload.signParts({ uploadId, parts: parts.map(({ partNumber, size }) => ({ partNumber, ...(size !== undefined && { size }) })) });
    await Promise.all(signed.parts.map((p, i) => putSigned(p, parts[i]!.body)));
  };

  /** PUTs `body` as `partNumber` through a URL signed for its length, as a client ignoring the rules could. */
  const putRaw = async (uploadId: string, partNumber: number, body: Uint8Array) => {
    const row = (await getSession(api.deps.db, uploadId))!;
    const signed = await api.deps.storage.signUploadPart({ key: row.key, uploadId: row.s3UploadId!, partNumber, contentLength: body.length, expiresIn: 600, now: api.deps.options.now() });
    await putSigned(signed, body);
  };

  /** A refused complete left no file and no object, and the session can still take parts. */
  const expectNothingRecorded = async (uploadId: string) => {
    const row = (await getSession(api.deps.db, uploadId))!;
    expect(row.status).toBe("uploading");
    expect(await getFileBySession(api.deps.db, uploadId)).toBeUndefined();
    expect(await api.deps.storage.headObject(row.key)).toBeUndefined();
  };

  const download = async (fileId: string) => {
    const { url } = await alice().files.downloadUrl({ id: fileId });
    return new Uint8Array(await (await fetch(url)).arrayBuffer());
  };

  it("create: always multipart, planned for maxSize; get says the size is not known yet", async () => {
    const created = await stream(P * 10 + 1);
    const plan = planParts(P * 10 + 1, { minPartSize: P });
    expect(created).toMatchObject({ strategy: "multipart", partSize: plan.partSize, partCount: plan.partCount });
    expect(await alice().upload.get({ uploadId: created.uploadId })).toMatchObject({ size: P * 10 + 1, maxSize: P * 10 + 1, bytesConfirmed: 0 });
    // Even a maximum that fits one part: a single PUT needs its length when it is signed.
    expect((await stream(10)).strategy).toBe("multipart");
  });

  it("create: size and maxSize both, or neither, is BAD_REQUEST and creates nothing", async () => {
    const bob = api.callerFor("bob");
    const both = await rejection(bob.upload.create({ name: "a", size: 5, maxSize: 5, type: "text/plain" }));
    expect(both.data).toMatchObject({ code: "BAD_REQUEST", hoistCode: "INVALID_INPUT" });
    expect(both.message).toContain("exactly one of size");
    const neither = await rejection(bob.upload.create({ name: "a", type: "text/plain" }));
    expect(neither.data.zodError?.fieldErrors).toHaveProperty("size");
    expect((await bob.upload.list({})).items).toEqual([]);
  });

  it("create: a maximum over the route's limit is PAYLOAD_TOO_LARGE", async () => {
    const shape = await rejection(alice().upload.create({ name: "a.png", maxSize: 21 * 1024 * 1024, type: "image/png", route: "image" }));
    expect(shape.data).toMatchObject({ code: "PAYLOAD_TOO_LARGE", hoistCode: "SIZE_OVER_LIMIT" });
    expect(shape.message).toContain("maxSize");
  });

  it("signParts: a size on a known-size session, or over the part size, is refused", async () => {
    const known = await alice().upload.create({ name: "k.bin", size: P * 3, type: "application/octet-stream" });
    const onKnown = await rejection(alice().upload.signParts({ uploadId: known.uploadId, parts: [{ partNumber: 3, size: 10 }] }));
    expect(onKnown.data).toMatchObject({ code: "BAD_REQUEST", hoistCode: "INVALID_INPUT" });
    const created = await stream();
    const over = await rejection(alice().upload.signParts({ uploadId: created.uploadId, parts: [{ partNumber: 2, size: P + 1 }] }));
    expect(over.data).toMatchObject({ code: "BAD_REQUEST", hoistCode: "INVALID_INPUT" });
    expect(over.message).toContain(`at most ${P} bytes`);
  });

  it("a stream ending inside part 3: complete records its real size, byte-identical", async () => {
    const bytes = randomBytes(P * 2 + 300);
    const created = await stream();
    await sendParts(created.uploadId, bytes, [1, 2, 3]);
    const { file } = await alice().upload.complete({ uploadId: created.uploadId });
    expect(file.size).toBe(bytes.length);
    expect(sha(await download(file.id))).toBe(sha(bytes));
    const after = await alice().upload.get({ uploadId: created.uploadId });
    expect(after).toMatchObject({ status: "complete", size: bytes.length, bytesConfirmed: bytes.length });
    expect(after).not.toHaveProperty("maxSize");
  });

  it("a stream that exactly fills 3 parts needs no size at all", async () => {
    const bytes = randomBytes(P * 3);
    const created = await stream();
    await sendParts(created.uploadId, bytes, [1, 2, 3]);
    expect((await alice().upload.complete({ uploadId: created.uploadId })).file.size).toBe(P * 3);
  });

  it("an empty stream is one 0-byte part", async () => {
    const created = await stream();
    await sendParts(created.uploadId, new Uint8Array(0), [1]);
    const { file } = await alice().upload.complete({ uploadId: created.uploadId });
    expect(file.size).toBe(0);
    expect(await download(file.id)).toHaveLength(0);
  });

  it("nothing uploaded: CONFLICT/PART_MISSING", async () => {
    const created = await stream();
    const shape = await rejection(alice().upload.complete({ uploadId: created.uploadId }));
    expect(shape.data).toMatchObject({ code: "CONFLICT", hoistCode: "PART_MISSING" });
    await expectNothingRecorded(created.uploadId);
  });

  it("a gap (parts 1 and 3): CONFLICT/PART_MISSING naming part 2, nothing left behind", async () => {
    const bytes = randomBytes(P * 2 + 300);
    const created = await stream();
    await sendParts(created.uploadId, bytes, [1, 3]);
    const shape = await rejection(alice().upload.complete({ uploadId: created.uploadId }));
    expect(shape.data).toMatchObject({ code: "CONFLICT", hoistCode: "PART_MISSING" });
    expect(shape.message).toContain("part 2");
    await expectNothingRecorded(created.uploadId);
  });

  it("a short middle part: CONFLICT/PART_SIZE_MISMATCH", async () => {
    const created = await stream();
    const signed = await alice().upload.signParts({ uploadId: created.uploadId, parts: [{ partNumber: 1, size: 100 }, { partNumber: 2 }] });
    await putSigned(signed.parts[0]!, randomBytes(100));
    await putSigned(signed.parts[1]!, randomBytes(P));
    const shape = await rejection(alice().upload.complete({ uploadId: created.uploadId }));
    expect(shape.data).toMatchObject({ code: "CONFLICT", hoistCode: "PART_SIZE_MISMATCH" });
    await expectNothingRecorded(created.uploadId);
  });

  it("a last part longer than a part (put past the rules): CONFLICT/PART_SIZE_MISMATCH", async () => {
    const created = await stream();
    await putRaw(created.uploadId, 1, randomBytes(P + 1));
    const shape = await rejection(alice().upload.complete({ uploadId: created.uploadId }));
    expect(shape.data).toMatchObject({ code: "CONFLICT", hoistCode: "PART_SIZE_MISMATCH" });
    await expectNothingRecorded(created.uploadId);
  });

  it("parts adding up to more than maxSize: CONFLICT/SIZE_MISMATCH", async () => {
    const created = await stream(P * 2 + 10);
    // signParts keeps part 3 within the maximum; a client going around it is caught at complete.
    const over = await rejection(alice().upload.signParts({ uploadId: created.uploadId, parts: [{ partNumber: 3, size: 11 }] }));
    expect(over.data.hoistCode).toBe("INVALID_INPUT");
    await sendParts(created.uploadId, randomBytes(P * 2), [1, 2]);
    await putRaw(created.uploadId, 3, randomBytes(11));
    const shape = await rejection(alice().upload.complete({ uploadId: created.uploadId }));
    expect(shape.data).toMatchObject({ code: "CONFLICT", hoistCode: "SIZE_MISMATCH" });
    await expectNothingRecorded(created.uploadId);
  });
});
