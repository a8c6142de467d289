// Signed URLs used for real: the store must accept exactly the signed request and nothing else.
import { createHash, randomBytes } from "node:crypto";
import { planParts } from "@hoist/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "@hoist/local-s3/testing";
import { startTestTarget, testProfile } from "../test/s3-target.js";
import type { TestTarget } from "../test/s3-target.js";
import { contentDisposition } from "./content-disposition.js";
import { collectParts } from "./list-parts.js";
import { completeMultipart, createMultipart } from "./multipart.js";
import { headObject, readFirstBytes } from "./objects.js";
import { verifyParts } from "./verify-parts.js";

let target: TestTarget;
beforeAll(async () => {
  target = await startTestTarget();
});
afterAll(async () => {
  await target.close();
});

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("base64");

describe("single PUT", () => {
  it("stores the bytes under a unicode key with spaces and +, and a signed GET reads them back", async () => {
    const key = `${target.prefix}ünï cødé/a+b (1).txt`;
    const body = new TextEncoder().encode("hello, signed world\n");
    const put = await target.signer.signPutObject({
      key,
      contentLength: body.length,
      contentType: "text/plain",
      ...(target.profile.flexibleChecksums ? { checksumSha256: sha256(body) } : {}),
      expiresIn: 60,
    });
    expect((await rawRequest(put.url, { method: put.method, headers: put.headers, body })).status).toBe(200);
    expect(await headObject(target.client, { bucket: target.bucket, key })).toMatchObject({
      size: body.length,
      contentType: "text/plain",
    });
    const disposition = contentDisposition("grüße.txt");
    const get = await target.signer.signGetObject({ key, expiresIn: 60, responseContentDisposition: disposition });
    const got = await rawRequest(get.url, { method: get.method, headers: get.headers });
    expect(got.status).toBe(200);
    expect(got.body.equals(body)).toBe(true);
    expect(got.headers["content-disposition"]).toBe(disposition);
  });

  it("refuses a body of a different length than was signed (403)", async () => {
    const key = `${target.prefix}length.bin`;
    const put = await target.signer.signPutObject({ key, contentLength: 10, expiresIn: 60 });
    const shorter = new Uint8Array(9);
    const res = await rawRequest(put.url, { method: put.method, headers: { ...put.headers, "content-length": "9" }, body: shorter });
    expect(res.status).toBe(403);
    expect(await headObject(target.client, { bucket: target.bucket, key })).toBeUndefined();
  });

  it("refuses an expired URL (403)", async () => {
    const key = `${target.prefix}expired.bin`;
    const put = await target.signer.signPutObject({
      key,
      contentLength: 1,
      expiresIn: 1,
      now: new Date(Date.now() - 60_000),
    });
    expect((await rawRequest(put.url, { method: put.method, headers: put.headers, body: new Uint8Array(1) })).status).toBe(403);
  });

  it.runIf(testProfile().flexibleChecksums)("refuses bytes that do not match the signed checksum", async () => {
    const key = `${target.prefix}checksum.bin`;
    const body = randomBytes(32);
    const put = await target.signer.signPutObject({ key, contentLength: 32, checksumSha256: sha256(body), expiresIn: 60 });
    const res = await rawRequest(put.url, { method: put.method, headers: put.headers, body: randomBytes(32) });
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain("BadDigest");
  });
});

describe("multipart through signed part URLs", () => {
  it("uploads planned parts, verifies them against the plan, completes, and reads back equal bytes", async () => {
    const { client, bucket, signer, profile } = target;
    const key = `${target.prefix}multi/file.bin`;
    const file = randomBytes(target.minPartSize * 2 + 1234);
    const plan = planParts(file.length, { minPartSize: target.minPartSize });
    expect(plan).toMatchObject({ strategy: "multipart", partCount: 3, lastPartSize: 1234 });
    const uploadId = await createMultipart(client, { bucket, key, contentType: "application/octet-stream" });
    for (let partNumber = 1; partNumber <= plan.partCount; partNumber++) {
      const bytes = file.subarray((partNumber - 1) * plan.partSize, partNumber * plan.partSize);
      const signed = await signer.signUploadPart({
        key,
        uploadId,
        partNumber,
        contentLength: bytes.length,
        expiresIn: 60,
      });
      const res = await rawRequest(signed.url, { method: signed.method, headers: signed.headers, body: bytes });
      expect(res.status).toBe(200);
      expect(res.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    }
    const verified = verifyParts(await collectParts(client, { bucket, key, uploadId, profile }), plan);
    if (!verified.ok) throw new Error(verified.message);
    const { etag } = await completeMultipart(client, profile, { bucket, key, uploadId, parts: verified.parts, ifNoneMatch: true });
    expect(etag).toMatch(/^"[0-9a-f]{32}-3"$/);
    expect(await headObject(client, { bucket, key })).toMatchObject({ size: file.length, etag });
    const get = await signer.signGetObject({ key, expiresIn: 60 });
    expect((await rawRequest(get.url, { method: get.method, headers: get.headers })).body.equals(file)).toBe(true);
    expect(Buffer.from(await readFirstBytes(client, { bucket, key, bytes: 4096 })).equals(file.subarray(0, 4096))).toBe(true);
  });
});
