// createStorage: the bucket-bound operations, each called with only what varies per call, against the real store.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "@hoist/local-s3/testing";
import { startTestTarget } from "../test/s3-target.js";
import type { TestTarget } from "../test/s3-target.js";
import { getProviderProfile } from "./provider-profile.js";
import { UploadNotFoundError } from "./s3-errors.js";
import { createStorage } from "./storage.js";
import type { Storage } from "./storage.js";

let target: TestTarget;
let storage: Storage;
beforeAll(async () => {
  target = await startTestTarget();
  storage = createStorage(target);
});
afterAll(async () => {
  await target.close();
});

async function putPart(key: string, uploadId: string, partNumber: number, bytes: Uint8Array): Promise<void> {
  const signed = await storage.signUploadPart({ key, uploadId, partNumber, contentLength: bytes.length, expiresIn: 60 });
  expect((await rawRequest(signed.url, { method: signed.method, headers: signed.headers, body: bytes })).status).toBe(200);
}

describe("createStorage", () => {
  it("runs a signed multipart upload to its end; complete answers the ETag and size HeadObject sees", async () => {
    const key = `${target.prefix}bound.bin`;
    const bytes = randomBytes(target.minPartSize + 7);
    const uploadId = await storage.createMultipart({ key, contentType: "application/octet-stream" });
    await putPart(key, uploadId, 1, bytes.subarray(0, target.minPartSize));
    await putPart(key, uploadId, 2, bytes.subarray(target.minPartSize));
    const parts = await storage.collectParts({ key, uploadId });
    expect(parts.map((part) => part.partNumber)).toEqual([1, 2]);
    const completed = await storage.completeMultipart({ key, uploadId, parts, ifNoneMatch: true });
    expect(completed.size).toBe(bytes.length);
    expect(await storage.headObject(key)).toMatchObject(completed);
    expect(Buffer.from(await storage.readFirstBytes(key, 4))).toEqual(bytes.subarray(0, 4));
    const listed: string[] = [];
    for await (const page of storage.listObjectPages({ prefix: target.prefix })) listed.push(...page.map((o) => o.key));
    expect(listed).toContain(key);
    await storage.deleteObject(key);
    expect(await storage.headObject(key)).toBeUndefined();
  });

  it("aborts with the bound profile: once true, then false, and the upload is gone", async () => {
    const key = `${target.prefix}aborted.bin`;
    const uploadId = await storage.createMultipart({ key, contentType: "text/plain" });
    const pending: string[] = [];
    for await (const upload of storage.listMultipartUploads({ prefix: target.prefix })) pending.push(upload.uploadId);
    expect(pending).toContain(uploadId);
    expect(await storage.abortMultipart({ key, uploadId })).toBe(true);
    expect(await storage.abortMultipart({ key, uploadId })).toBe(false);
    await expect(storage.listPartsPage({ key, uploadId })).rejects.toBeInstanceOf(UploadNotFoundError);
  });

  it("signs If-None-Match on a single PUT only where the profile says PutObject honours it", async () => {
    const sign = (provider: "aws" | "b2") =>
      createStorage({ ...target, profile: getProviderProfile(provider) }).signPutObject({
        key: `${target.prefix}single.txt`,
        contentLength: 1,
        expiresIn: 60,
        ifNoneMatch: true,
      });
    expect((await sign("aws")).headers["if-none-match"]).toBe("*");
    expect((await sign("b2")).headers).not.toHaveProperty("if-none-match");
  });
});
