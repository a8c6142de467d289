import { GetObjectCommand, PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeS3Client, rawRequest } from "../../src/testing/index.js";
import { exchange, parseS3Error } from "../support/clients.js";
import { expectNoObject, expectOk, expectS3Error } from "../support/expect-s3.js";
import { signHeaderAuth } from "../support/sigv4.js";
import { getTarget, type Target } from "../support/target.js";

let t: Target;
let existing: string;
beforeAll(async () => {
  t = await getTarget("header-auth");
  existing = t.key("existing.txt");
  await t.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: existing, Body: "secret bytes" }));
});
afterAll(() => t.close());

const clients: S3Client[] = [];
function clientWith(overrides: Parameters<typeof makeS3Client>[1]): S3Client {
  const client = makeS3Client(t, overrides);
  clients.push(client);
  return client;
}
afterAll(() => {
  for (const c of clients) c.destroy();
});

describe("SigV4 header auth via sdk", () => {
  it("a request signed with the wrong secret key is 403 SignatureDoesNotMatch and stores nothing", async () => {
    const bad = clientWith({ credentials: { ...t.credentials, secretAccessKey: `${t.credentials.secretAccessKey}x` } });
    const key = t.key("wrong-secret");
    expectS3Error(await exchange(bad, "sdk", new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: "x" })), 403, "SignatureDoesNotMatch");
    expectS3Error(await exchange(bad, "sdk", new GetObjectCommand({ Bucket: t.bucket, Key: existing })), 403, "SignatureDoesNotMatch");
    await expectNoObject(t, key);
  });

  it("a request signed with an unknown access key id is 403 InvalidAccessKeyId and stores nothing", async () => {
    const bad = clientWith({ credentials: { accessKeyId: "AKIDUNKNOWNCONFORMANCE", secretAccessKey: t.credentials.secretAccessKey } });
    const key = t.key("unknown-key");
    expectS3Error(await exchange(bad, "sdk", new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: "x" })), 403, "InvalidAccessKeyId");
    expectS3Error(await exchange(bad, "sdk", new GetObjectCommand({ Bucket: t.bucket, Key: existing })), 403, "InvalidAccessKeyId");
    await expectNoObject(t, key);
  });

  it("an unsigned (anonymous) request to a private bucket is 403 AccessDenied and stores nothing", async () => {
    const anonymous = clientWith({ signer: { sign: (request) => Promise.resolve(request) } });
    const key = t.key("anonymous");
    expectS3Error(await exchange(anonymous, "sdk", new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: "x" })), 403, "AccessDenied");
    expectS3Error(await exchange(anonymous, "sdk", new GetObjectCommand({ Bucket: t.bucket, Key: existing })), 403, "AccessDenied");
    await expectNoObject(t, key);
  });

  it("a correctly signed request succeeds (the control for the cases above)", async () => {
    const out = await exchange(t.s3, "sdk", new GetObjectCommand({ Bucket: t.bucket, Key: existing }));
    expectOk(out);
    expect(out.body.toString()).toBe("secret bytes");
  });
});

describe("SigV4 header auth via raw http", () => {
  it("an unsigned (anonymous) GET and PUT are 403 AccessDenied with an XML error", async () => {
    const base = `${t.endpoint}/${t.bucket}/`;
    const get = await rawRequest(base + existing);
    expect({ status: get.status, ...parseS3Error(get.text) }).toMatchObject({ status: 403, code: "AccessDenied" });
    const key = t.key("anonymous-raw");
    const put = await rawRequest(base + key, { method: "PUT", body: "x" });
    expect({ status: put.status, ...parseS3Error(put.text) }).toMatchObject({ status: 403, code: "AccessDenied" });
    await expectNoObject(t, key);
  });

  it("a signed header sent with another value is 403 SignatureDoesNotMatch and stores nothing", async () => {
    const key = t.key("tampered-header");
    const req = await signHeaderAuth(t, { method: "PUT", key, body: "x", headers: { "x-amz-meta-owner": "alice" } });
    const res = await rawRequest(req.url, { method: req.method, headers: { ...req.headers, "x-amz-meta-owner": "mallory" }, body: "x" });
    expect({ status: res.status, ...parseS3Error(res.text) }).toMatchObject({ status: 403, code: "SignatureDoesNotMatch" });
    await expectNoObject(t, key);
  });

  it("a raw request signed with SignatureV4 succeeds (the control for the case above)", async () => {
    const key = t.key("raw-signed");
    const req = await signHeaderAuth(t, { method: "PUT", key, body: "x", headers: { "x-amz-meta-owner": "alice" } });
    const res = await rawRequest(req.url, { method: req.method, headers: req.headers, body: "x" });
    expect(res.status).toBe(200);
  });
});
