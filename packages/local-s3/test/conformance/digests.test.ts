import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crc32Base64, md5Base64, patternBytes, sha256Base64, sha256Hex } from "../support/bytes.js";
import { exchange, parseS3Error, PATHS } from "../support/clients.js";
import { expectNoObject, expectOk, expectS3Error } from "../support/expect-s3.js";
import { rawRequest } from "../../src/testing/index.js";
import { signHeaderAuth } from "../support/sigv4.js";
import { gapTitle, getTarget, profile, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("digests");
});
afterAll(() => t.close());

const body = patternBytes(2048, 41);
const other = patternBytes(2048, 42);
type Extra = Partial<Pick<PutObjectCommand["input"], "ContentMD5" | "ChecksumSHA256" | "ChecksumCRC32">>;

describe.each(PATHS)("PutObject digests via %s", (path) => {
  const putWith = (name: string, extra: Extra) =>
    exchange(t.s3, path, new PutObjectCommand({ Bucket: t.bucket, Key: t.key(`${name}-${path}`), Body: body, ...extra }));

  it("a Content-MD5 of other bytes is 400 BadDigest and stores nothing", async () => {
    expectS3Error(await putWith("md5-mismatch", { ContentMD5: md5Base64(other) }), 400, "BadDigest");
    await expectNoObject(t, t.key(`md5-mismatch-${path}`));
  });

  it("a malformed Content-MD5 (not 16 base64 bytes) is 400 InvalidDigest and stores nothing", async () => {
    expectS3Error(await putWith("md5-malformed", { ContentMD5: "bm90LWFuLW1kNQ==" }), 400, "InvalidDigest");
    await expectNoObject(t, t.key(`md5-malformed-${path}`));
  });

  const ignored = !profile.checksumHeaders;
  it(gapTitle(ignored, "an x-amz-checksum-sha256 of other bytes is 400 BadDigest and stores nothing",
    "a wrong x-amz-checksum-sha256 is ignored and the object stored"), async () => {
    const out = await putWith("sha256-mismatch", { ChecksumSHA256: sha256Base64(other) });
    if (ignored) {
      expectOk(out);
      return;
    }
    expectS3Error(out, 400, "BadDigest");
    await expectNoObject(t, t.key(`sha256-mismatch-${path}`));
  });

  it(gapTitle(ignored, "an x-amz-checksum-crc32 of other bytes is 400 BadDigest and stores nothing",
    "a wrong x-amz-checksum-crc32 is ignored and the object stored"), async () => {
    const out = await putWith("crc32-mismatch", { ChecksumCRC32: crc32Base64(other) });
    if (ignored) {
      expectOk(out);
      return;
    }
    expectS3Error(out, 400, "BadDigest");
    await expectNoObject(t, t.key(`crc32-mismatch-${path}`));
  });

  it("correct Content-MD5, x-amz-checksum-sha256 and x-amz-checksum-crc32 are accepted", async () => {
    expectOk(await putWith("md5-ok", { ContentMD5: md5Base64(body) }));
    const sha = await putWith("sha256-ok", { ChecksumSHA256: sha256Base64(body) });
    expectOk(sha);
    if (profile.checksumHeaders) expect(sha.headers["x-amz-checksum-sha256"]).toBe(sha256Base64(body));
    expectOk(await putWith("crc32-ok", { ChecksumCRC32: crc32Base64(body) }));
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: t.key(`sha256-ok-${path}`) }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
  });
});

describe("x-amz-content-sha256 with header auth (raw SigV4)", () => {
  it("a signed payload hash that does not match the body is 400 XAmzContentSHA256Mismatch and stores nothing", async () => {
    const key = t.key("content-sha256-mismatch");
    const req = await signHeaderAuth(t, { method: "PUT", key, body, payloadHash: sha256Hex(other) });
    const res = await rawRequest(req.url, { method: req.method, headers: req.headers, body });
    expect({ status: res.status, ...parseS3Error(res.text) }).toMatchObject({ status: 400, code: "XAmzContentSHA256Mismatch" });
    await expectNoObject(t, key);
  });

  it("a signed payload hash that matches the body is accepted", async () => {
    const req = await signHeaderAuth(t, { method: "PUT", key: t.key("content-sha256-ok"), body });
    const res = await rawRequest(req.url, { method: req.method, headers: req.headers, body });
    expect(res.status).toBe(200);
  });
});
