// Whole-object CRC64NVME against the store: FULL_OBJECT multipart uploads, signed part checksums, the stored
// value on HeadObject, a refused whole value, and what a profile without CRC64NVME leaves out.
import { randomBytes } from "node:crypto";
// An implementation independent of the store's (hash-wasm), so a shared bug cannot pass.
import { Crc64NvmeJs } from "@aws-sdk/checksums";
import { describe, expect, it } from "vitest";
import { isHoistError } from "@hoist/contract";
import { rawRequest } from "@hoist/local-s3/testing";
import { storageForFile, testProfile } from "../test/s3-target.js";
import { getProviderProfile } from "./provider-profile.js";
import { createStorage } from "./storage.js";

const bound = storageForFile();

async function crc64(bytes: Uint8Array): Promise<string> {
  const hasher = new Crc64NvmeJs();
  hasher.update(bytes);
  return Buffer.from(await hasher.digest()).toString("base64");
}

/** A two-part crc64nvme upload with each part PUT through a URL that signs its CRC64NVME. */
async function twoParts(name: string) {
  const key = `${bound.target.prefix}${name}`;
  const bytes = randomBytes(bound.target.minPartSize + 33);
  const slices = [bytes.subarray(0, bound.target.minPartSize), bytes.subarray(bound.target.minPartSize)];
  const uploadId = await bound.storage.createMultipart({ key, contentType: "application/octet-stream", checksum: "crc64nvme" });
  for (const [i, slice] of slices.entries()) {
    const checksumCrc64nvme = await crc64(slice);
    const signed = await bound.storage.signUploadPart({ key, uploadId, partNumber: i + 1, contentLength: slice.length, checksumCrc64nvme, expiresIn: 60 });
    expect((await rawRequest(signed.url, { method: "PUT", headers: signed.headers, body: slice })).status).toBe(200);
  }
  return { key, uploadId, bytes, slices };
}

describe.runIf(testProfile().crc64nvme)("CRC64NVME full-object checksums", () => {
  it("lists each part's CRC64NVME, completes with the whole value, and HeadObject reports what storage keeps", async () => {
    const { key, uploadId, bytes, slices } = await twoParts("whole.bin");
    const parts = await bound.storage.collectParts({ key, uploadId });
    expect(parts.map((part) => part.checksumCrc64nvme)).toEqual(await Promise.all(slices.map(crc64)));
    const whole = await crc64(bytes);
    const completed = await bound.storage.completeMultipart({ key, uploadId, parts, ifNoneMatch: true, checksumCrc64nvme: whole });
    expect(completed.checksums.crc64nvme).toBe(whole);
    expect((await bound.storage.headObject(key))?.checksums).toEqual({ crc64nvme: whole });
    const read: Uint8Array[] = [];
    for await (const chunk of bound.storage.streamObject(key)) read.push(chunk);
    expect(Buffer.concat(read)).toEqual(bytes);
  });

  it("a wrong whole value is CHECKSUM_MISMATCH, and the upload stays open", async () => {
    const { key, uploadId, slices } = await twoParts("wrong.bin");
    const parts = await bound.storage.collectParts({ key, uploadId });
    const failure = await bound.storage
      .completeMultipart({ key, uploadId, parts, ifNoneMatch: true, checksumCrc64nvme: await crc64(slices[0]!) })
      .catch((error: unknown) => error);
    expect(isHoistError(failure) && failure.hoistCode).toBe("CHECKSUM_MISMATCH");
    expect((failure as Error).message).toContain("complete again");
    expect(await bound.storage.collectParts({ key, uploadId })).toHaveLength(2);
    expect(await bound.storage.abortMultipart({ key, uploadId })).toBe(true);
  });
});

describe("a profile without CRC64NVME", () => {
  const noCrc = () => createStorage({ ...bound.target, profile: getProviderProfile("ceph") });

  it("signs no CRC64NVME header on parts or single PUTs", async () => {
    const checksumCrc64nvme = "AAAAAAAAAAA=";
    const part = await noCrc().signUploadPart({ key: "k", uploadId: "u", partNumber: 1, contentLength: 1, checksumCrc64nvme, expiresIn: 60 });
    const put = await noCrc().signPutObject({ key: "k", contentLength: 1, checksumCrc64nvme, expiresIn: 60 });
    expect(part.headers).toEqual({ "content-length": "1" });
    expect(put.headers).not.toHaveProperty("x-amz-checksum-crc64nvme");
  });

  it("creates a crc64nvme upload without declaring a checksum, so parts without one are taken", async () => {
    const key = `${bound.target.prefix}plain.bin`;
    const uploadId = await noCrc().createMultipart({ key, contentType: "text/plain", checksum: "crc64nvme" });
    const signed = await noCrc().signUploadPart({ key, uploadId, partNumber: 1, contentLength: 3, checksumCrc64nvme: "AAAAAAAAAAA=", expiresIn: 60 });
    expect((await rawRequest(signed.url, { method: "PUT", headers: signed.headers, body: Buffer.from("abc") })).status).toBe(200);
    expect(await noCrc().abortMultipart({ key, uploadId })).toBe(true);
  });
});
