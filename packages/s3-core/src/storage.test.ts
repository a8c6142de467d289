// createStorage: the bucket-bound operations, each called with only what varies per call, against the real store.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { rawRequest } from "@hoist/local-s3/testing";
import { storageForFile } from "../test/s3-target.js";
import { getProviderProfile } from "./provider-profile.js";
import { UploadNotFoundError } from "./s3-errors.js";
import { createStorage } from "./storage.js";

const bound = storageForFile();

async function putPart(key: string, uploadId: string, partNumber: number, bytes: Uint8Array): Promise<void> {
  const signed = await bound.storage.signUploadPart({ key, uploadId, partNumber, contentLength: bytes.length, expiresIn: 60 });
  expect((await rawRequest(signed.url, { method: signed.method, headers: signed.headers, body: bytes })).status).toBe(200);
}

describe("createStorage", () => {
  it("runs a signed multipart upload to its end; complete answers the ETag and size HeadObject sees", async () => {
    const key = `${bound.target.prefix}bound.bin`;
    const bytes = randomBytes(bound.target.minPartSize + 7);
    const uploadId = await bound.storage.createMultipart({ key, contentType: "application/octet-stream" });
    await putPart(key, uploadId, 1, bytes.subarray(0, bound.target.minPartSize));
    await putPart(key, uploadId, 2, bytes.subarray(bound.target.minPartSize));
    const parts = await bound.storage.collectParts({ key, uploadId });
    expect(parts.map((part) => part.partNumber)).toEqual([1, 2]);
    const completed = await bound.storage.completeMultipart({ key, uploadId, parts, ifNoneMatch: true });
    expect(completed.size).toBe(bytes.length);
    expect(await bound.storage.headObject(key)).toMatchObject(completed);
    expect(Buffer.from(await bound.storage.readFirstBytes(key, 4))).toEqual(bytes.subarray(0, 4));
    const listed: string[] = [];
    for await (const page of bound.storage.listObjectPages({ prefix: bound.target.prefix })) listed.push(...page.map((o) => o.key));
    expect(listed).toContain(key);
    await bound.storage.deleteObject(key);
    expect(await bound.storage.headObject(key)).toBeUndefined();
  });

  it("aborts with the bound profile: once true, then false, and the upload is gone", async () => {
    const key = `${bound.target.prefix}aborted.bin`;
    const uploadId = await bound.storage.createMultipart({ key, contentType: "text/plain" });
    const pending: string[] = [];
    for await (const upload of bound.storage.listMultipartUploads({ prefix: bound.target.prefix })) pending.push(upload.uploadId);
    expect(pending).toContain(uploadId);
    expect(await bound.storage.abortMultipart({ key, uploadId })).toBe(true);
    expect(await bound.storage.abortMultipart({ key, uploadId })).toBe(false);
    await expect(bound.storage.listPartsPage({ key, uploadId })).rejects.toBeInstanceOf(UploadNotFoundError);
  });

  it("signs If-None-Match on a single PUT only where the profile says PutObject honours it", async () => {
    const sign = (provider: "aws" | "b2") =>
      createStorage({ ...bound.target, profile: getProviderProfile(provider) }).signPutObject({
        key: `${bound.target.prefix}single.txt`,
        contentLength: 1,
        expiresIn: 60,
        ifNoneMatch: true,
      });
    expect((await sign("aws")).headers["if-none-match"]).toBe("*");
    expect((await sign("b2")).headers).not.toHaveProperty("if-none-match");
  });
});
