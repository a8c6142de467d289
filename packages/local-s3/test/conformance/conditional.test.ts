import { GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, PATHS } from "../support/clients.js";
import { expectOk, expectS3Error } from "../support/expect-s3.js";
import { gapTitle, getTarget, profile, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("conditional");
});
afterAll(() => t.close());

describe.each(PATHS)("PutObject If-None-Match via %s", (path) => {
  it("If-None-Match: * on an absent key stores the object (200)", async () => {
    const key = t.key(`absent-${path}`);
    const out = await exchange(t.s3, path, new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: "first", IfNoneMatch: "*" }));
    expectOk(out);
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: key }));
    expect(await got.Body!.transformToString()).toBe("first");
  });

  const ignored = !profile.conditionalPut;
  it(gapTitle(ignored, "If-None-Match: * on an existing key is 412 PreconditionFailed and keeps the old object",
    "If-None-Match: * on PutObject is ignored and the existing object is replaced"), async () => {
    const key = t.key(`exists-${path}`);
    await t.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: "existing" }));
    const out = await exchange(t.s3, path, new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: "second", IfNoneMatch: "*" }));
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: key }));
    const body = await got.Body!.transformToString();
    if (ignored) {
      expectOk(out);
      expect(body).toBe("second");
      return;
    }
    expectS3Error(out, 412, "PreconditionFailed");
    expect(body).toBe("existing");
  });
});
