import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patternBytes } from "../support/bytes.js";
import { exchange, PATHS } from "../support/clients.js";
import { expectOk, expectS3Error } from "../support/expect-s3.js";
import { getTarget, type Target } from "../support/target.js";

let t: Target;
const body = patternBytes(100, 11);
let key: string;
beforeAll(async () => {
  t = await getTarget("ranges");
  key = t.key("hundred-bytes.bin");
  await t.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: body }));
});
afterAll(() => t.close());

const satisfiable = [
  { range: "bytes=0-9", contentRange: "bytes 0-9/100", bytes: body.subarray(0, 10) },
  { range: "bytes=10-", contentRange: "bytes 10-99/100", bytes: body.subarray(10) },
  { range: "bytes=-5", contentRange: "bytes 95-99/100", bytes: body.subarray(95) },
  { range: "bytes=90-200", contentRange: "bytes 90-99/100", bytes: body.subarray(90) },
];

describe.each(PATHS)("GetObject Range via %s", (path) => {
  it.each(satisfiable)("Range $range answers 206 with Content-Range $contentRange and those bytes", async (c) => {
    const out = await exchange(t.s3, path, new GetObjectCommand({ Bucket: t.bucket, Key: key, Range: c.range }));
    expectOk(out, 206);
    expect(out.headers["content-range"]).toBe(c.contentRange);
    expect(out.headers["content-length"]).toBe(String(c.bytes.length));
    expect(out.body.equals(c.bytes)).toBe(true);
  });

  it("a range starting past the end is 416 InvalidRange", async () => {
    const out = await exchange(t.s3, path, new GetObjectCommand({ Bucket: t.bucket, Key: key, Range: "bytes=100-200" }));
    expectS3Error(out, 416, "InvalidRange");
  });
});
