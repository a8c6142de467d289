import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalS3, type LocalS3 } from "../index";

const creds = { accessKeyId: "unit-access", secretAccessKey: "unit-secret-0123456789" };
let server: LocalS3;
let dir: string;

function client(overrides: Partial<ConstructorParameters<typeof S3Client>[0]> = {}): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: "us-east-1",
    credentials: creds,
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 1,
    ...overrides,
  });
}

async function send(url: string, method: string, headers: Record<string, string> = {}, body = ""): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: { "content-length": String(Buffer.byteLength(body)), ...headers }, agent: false }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => { resolve({ status: res.statusCode ?? 0, text }); });
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function sdkError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof S3ServiceException) return error.name;
    throw error;
  }
  return "no error";
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "local-s3-sigv4-"));
  server = await startLocalS3({ dataDir: dir, credentials: creds, buckets: ["unit"] });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("header auth (SDK-signed)", () => {
  it("accepts a request signed by the AWS SDK, keys needing encoding included", async () => {
    const key = "dir/ä b+c~(1)*'!.txt";
    await client().send(new PutObjectCommand({ Bucket: "unit", Key: key, Body: "hi", ContentType: "text/plain", Metadata: { a: "b" } }));
    const got = await client().send(new GetObjectCommand({ Bucket: "unit", Key: key }));
    expect(await got.Body?.transformToString()).toBe("hi");
  });

  it("rejects a wrong secret and an unknown key id", async () => {
    const wrongSecret = client({ credentials: { ...creds, secretAccessKey: "nope" } });
    expect(await sdkError(wrongSecret.send(new GetObjectCommand({ Bucket: "unit", Key: "x" })))).toBe("SignatureDoesNotMatch");
    const unknown = client({ credentials: { ...creds, accessKeyId: "who" } });
    expect(await sdkError(unknown.send(new GetObjectCommand({ Bucket: "unit", Key: "x" })))).toBe("InvalidAccessKeyId");
  });

  it("rejects a clock more than 15 minutes off", async () => {
    const skewed = client({ systemClockOffset: -20 * 60 * 1000 });
    expect(await sdkError(skewed.send(new GetObjectCommand({ Bucket: "unit", Key: "x" })))).toBe("RequestTimeTooSkewed");
  });
});

describe("query auth (getSignedUrl)", () => {
  it("accepts a presigned PUT and GET", async () => {
    const put = await getSignedUrl(client(), new PutObjectCommand({ Bucket: "unit", Key: "p k" }), { expiresIn: 60 });
    expect((await send(put, "PUT", {}, "abc")).status).toBe(200);
    const get = await getSignedUrl(client(), new GetObjectCommand({ Bucket: "unit", Key: "p k" }), { expiresIn: 60 });
    expect(await send(get, "GET")).toEqual({ status: 200, text: "abc" });
  });

  it("rejects a tampered or added query parameter", async () => {
    const url = await getSignedUrl(client(), new GetObjectCommand({ Bucket: "unit", Key: "p k" }), { expiresIn: 60 });
    expect((await send(url.replace("X-Amz-Expires=60", "X-Amz-Expires=61"), "GET")).text).toContain("SignatureDoesNotMatch");
    expect((await send(`${url}&response-content-type=text/html`, "GET")).text).toContain("SignatureDoesNotMatch");
  });

  it("rejects a signed header sent with another value (content-length, content-type)", async () => {
    const command = new PutObjectCommand({ Bucket: "unit", Key: "signed", ContentLength: 3, ContentType: "text/plain" });
    const url = await getSignedUrl(client(), command, { expiresIn: 60, signableHeaders: new Set(["content-length", "content-type"]) });
    expect((await send(url, "PUT", { "content-type": "text/plain" }, "abcd")).status).toBe(403);
    expect((await send(url, "PUT", { "content-type": "text/html" }, "abc")).status).toBe(403);
    expect((await send(url, "PUT", { "content-type": "text/plain" }, "abc")).status).toBe(200);
  });

  it("refuses x-amz-* headers that were not signed", async () => {
    const url = await getSignedUrl(client(), new PutObjectCommand({ Bucket: "unit", Key: "meta" }), { expiresIn: 60 });
    const res = await send(url, "PUT", { "x-amz-meta-owner": "mallory" }, "abc");
    expect(res.status).toBe(403);
    expect(res.text).toContain("<HeadersNotSigned>x-amz-meta-owner</HeadersNotSigned>");
  });

  it("enforces expiry and the one-week limit", async () => {
    const old = new Date(Date.now() - 120_000);
    const url = await getSignedUrl(client(), new GetObjectCommand({ Bucket: "unit", Key: "p k" }), { expiresIn: 60, signingDate: old });
    const expired = await send(url, "GET");
    expect(expired.status).toBe(403);
    expect(expired.text).toContain("<Message>Request has expired</Message>");
    const long = await send(url.replace("X-Amz-Expires=60", "X-Amz-Expires=604801"), "GET");
    expect(long.text).toContain("AuthorizationQueryParametersError");
  });
});

describe("unsigned and streaming payloads", () => {
  it("rejects anonymous requests to a private bucket", async () => {
    expect((await send(`${server.endpoint}/unit/p%20k`, "GET")).text).toContain("AccessDenied");
  });

  it("answers aws-chunked uploads with 501 and the client setting to change", async () => {
    const res = await send(`${server.endpoint}/unit/chunked`, "PUT", { "x-amz-content-sha256": "STREAMING-UNSIGNED-PAYLOAD-TRAILER" }, "abc");
    expect(res.status).toBe(501);
    expect(res.text).toContain("requestChecksumCalculation");
  });
});
