import {
  CreateBucketCommand,
  GetBucketCorsCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutBucketCorsCommand,
  type CORSRule,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, PATHS } from "../support/clients.js";
import { expectOk, expectS3Error } from "../support/expect-s3.js";
import { getTarget, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("buckets");
});
afterAll(() => t.close());

const rule: CORSRule = {
  AllowedOrigins: ["https://app.example.com"],
  AllowedMethods: ["GET", "PUT"],
  AllowedHeaders: ["*"],
  ExposeHeaders: ["ETag"],
  MaxAgeSeconds: 600,
};

describe.each(PATHS)("buckets via %s", (path) => {
  it("CreateBucket creates an empty bucket that HeadBucket then finds", async () => {
    const name = t.uniqueBucketName(`create-${path}`);
    const created = await exchange(t.s3, path, new CreateBucketCommand({ Bucket: name }));
    t.ownBucket(name);
    expectOk(created);
    expectOk(await exchange(t.s3, path, new HeadBucketCommand({ Bucket: name })));
    const listed = await t.s3.send(new ListObjectsV2Command({ Bucket: name }));
    expect(listed.KeyCount).toBe(0);
  });

  it("HeadBucket of a bucket that does not exist is 404", async () => {
    const out = await exchange(t.s3, path, new HeadBucketCommand({ Bucket: t.uniqueBucketName("absent") }));
    expect(out.status).toBe(404);
  });

  it("PutBucketCors stores rules that GetBucketCors returns", async () => {
    const name = await t.createScratchBucket(`cors-${path}`);
    const put = await exchange(t.s3, path, new PutBucketCorsCommand({ Bucket: name, CORSConfiguration: { CORSRules: [rule] } }));
    expectOk(put);
    const got = await t.s3.send(new GetBucketCorsCommand({ Bucket: name }));
    expect(got.CORSRules).toEqual([rule]);
    if (path === "presigned") {
      const raw = await exchange(t.s3, path, new GetBucketCorsCommand({ Bucket: name }));
      expectOk(raw);
      expect(raw.body.toString()).toContain("<AllowedOrigin>https://app.example.com</AllowedOrigin>");
    }
  });

  it("a rule's ID is stored and answered (tools find their own rule again by it)", async () => {
    const name = await t.createScratchBucket(`cors-id-${path}`);
    const named = { ...rule, ID: "tool-rule" };
    expectOk(await exchange(t.s3, path, new PutBucketCorsCommand({ Bucket: name, CORSConfiguration: { CORSRules: [named, rule] } })));
    const got = await t.s3.send(new GetBucketCorsCommand({ Bucket: name }));
    expect(got.CORSRules).toEqual([named, rule]);
  });

  it("GetBucketCors on a bucket without CORS is 404 NoSuchCORSConfiguration", async () => {
    const name = await t.createScratchBucket(`nocors-${path}`);
    const out = await exchange(t.s3, path, new GetBucketCorsCommand({ Bucket: name }));
    expectS3Error(out, 404, "NoSuchCORSConfiguration");
  });
});
