import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest } from "../../src/testing/index.js";
import { crc32Base64, crc64Base64, patternBytes } from "../support/bytes.js";
import { exchange, parseS3Error, PATHS } from "../support/clients.js";
import { expectNoObject, expectOk, expectS3Error } from "../support/expect-s3.js";
import { signHeaderAuth } from "../support/sigv4.js";
import { getTarget, profile, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("crc64nvme");
});
afterAll(() => t.close());

// Known values (CRC-64/NVME check value of "123456789" is 0xae8b14860a799888), stated here, not computed.
const VECTORS = [
  { name: "check", body: Buffer.from("123456789"), crc: "rosUhgp5mIg=" },
  { name: "empty", body: Buffer.alloc(0), crc: "AAAAAAAAAAA=" },
];
const body = patternBytes(64 * 1024, 81);
const other = patternBytes(64 * 1024, 82);
// Ceph RGW 16 has no x-amz-checksum-*: it neither verifies nor returns them, so these cases do not apply there.
const ignored = !profile.checksumHeaders;

async function headChecksum(key: string) {
  const head = await t.s3.send(new HeadObjectCommand({ Bucket: t.bucket, Key: key, ChecksumMode: "ENABLED" }));
  return { crc: head.ChecksumCRC64NVME, type: head.ChecksumType };
}

describe.skipIf(ignored).each(PATHS)("PutObject x-amz-checksum-crc64nvme via %s", (path) => {
  const put = (name: string, data: Buffer, crc: string) =>
    exchange(t.s3, path, new PutObjectCommand({ Bucket: t.bucket, Key: t.key(`${name}-${path}`), Body: data, ChecksumCRC64NVME: crc }));

  it.each(VECTORS)("the known $name vector is accepted, echoed and kept as a FULL_OBJECT checksum", async ({ name, body: data, crc }) => {
    const out = await put(`vector-${name}`, data, crc);
    expectOk(out);
    expect(out.headers["x-amz-checksum-crc64nvme"]).toBe(crc);
    expect(await headChecksum(t.key(`vector-${name}-${path}`))).toEqual({ crc, type: "FULL_OBJECT" });
  });

  it("a CRC64NVME of other bytes is 400 BadDigest with AWS's message and stores nothing", async () => {
    const out = await put("mismatch", body, await crc64Base64(other));
    expectS3Error(out, 400, "BadDigest");
    expect(out.message).toBe("The CRC64NVME you specified did not match the calculated checksum.");
    await expectNoObject(t, t.key(`mismatch-${path}`));
  });

  it("a value that is not 8 bytes of base64 is 400 InvalidRequest and stores nothing", async () => {
    expectS3Error(await put("malformed", body, "rosUhgp5mA=="), 400, "InvalidRequest");
    await expectNoObject(t, t.key(`malformed-${path}`));
  });

  it("the SDK's own CRC64NVME (ChecksumAlgorithm) is accepted and GetObject's checksum validates", async () => {
    const key = t.key(`sdk-computed-${path}`);
    expectOk(await exchange(t.s3, path, new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: body, ChecksumAlgorithm: "CRC64NVME" })));
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: key, ChecksumMode: "ENABLED" }));
    expect(Buffer.from(await got.Body!.transformToByteArray()).equals(body)).toBe(true);
    expect(got.ChecksumCRC64NVME).toBe(await crc64Base64(body));
  });
});

describe.skipIf(ignored)("CRC64NVME on raw signed requests", () => {
  async function rawPut(key: string, headers: Record<string, string>) {
    const req = await signHeaderAuth(t, { method: "PUT", key, body, headers });
    const res = await rawRequest(req.url, { method: req.method, headers: req.headers, body });
    return { status: res.status, ...parseS3Error(res.text) };
  }

  it("a wrong x-amz-checksum-crc64nvme (one flipped bit) is 400 BadDigest and stores nothing", async () => {
    const right = Buffer.from(await crc64Base64(body), "base64");
    right[7]! ^= 1;
    const key = t.key("raw-flipped");
    expect(await rawPut(key, { "x-amz-checksum-crc64nvme": right.toString("base64") })).toEqual({
      status: 400, code: "BadDigest", message: "The CRC64NVME you specified did not match the calculated checksum.",
    });
    await expectNoObject(t, key);
  });

  it("x-amz-sdk-checksum-algorithm: CRC64NVME with its checksum is accepted", async () => {
    const key = t.key("raw-sdk-algorithm");
    const out = await rawPut(key, { "x-amz-sdk-checksum-algorithm": "CRC64NVME", "x-amz-checksum-crc64nvme": await crc64Base64(body) });
    expect(out.status).toBe(200);
    expect((await headChecksum(key)).crc).toBe(await crc64Base64(body));
  });

  it("x-amz-sdk-checksum-algorithm: CRC64NVME without a checksum header is 400 InvalidRequest and stores nothing", async () => {
    const key = t.key("raw-sdk-algorithm-alone");
    expect(await rawPut(key, { "x-amz-sdk-checksum-algorithm": "CRC64NVME" })).toMatchObject({ status: 400, code: "InvalidRequest" });
    await expectNoObject(t, key);
  });

  it("x-amz-sdk-checksum-algorithm: CRC64NVME beside another algorithm's checksum is 400 InvalidRequest", async () => {
    const key = t.key("raw-sdk-algorithm-other");
    const out = await rawPut(key, { "x-amz-sdk-checksum-algorithm": "CRC64NVME", "x-amz-checksum-crc32": crc32Base64(body) });
    expect(out).toMatchObject({ status: 400, code: "InvalidRequest" });
    await expectNoObject(t, key);
  });

  it("a range GET with checksum mode does not return the whole object's CRC64NVME", async () => {
    const key = t.key("raw-range");
    expect((await rawPut(key, { "x-amz-checksum-crc64nvme": await crc64Base64(body) })).status).toBe(200);
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: key, Range: "bytes=0-99", ChecksumMode: "ENABLED" }));
    expect(got.ChecksumCRC64NVME).toBeUndefined();
    expect((await got.Body!.transformToByteArray()).length).toBe(100);
  });
});
