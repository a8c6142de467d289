import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patternBytes } from "../support/bytes.js";
import { exchange, PATHS } from "../support/clients.js";
import { expectNoObject, expectOk, expectS3Error } from "../support/expect-s3.js";
import { getTarget, profile, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("objects");
});
afterAll(() => t.close());

describe.each(PATHS)("objects via %s", (path) => {
  it("PutObject, GetObject, HeadObject and DeleteObject round-trip bytes, content-type and x-amz-meta-*", async () => {
    const key = t.key(`round-trip-${path}.bin`);
    const body = patternBytes(4096, 7);
    const put = await exchange(t.s3, path, new PutObjectCommand({
      Bucket: t.bucket, Key: key, Body: body, ContentType: "application/x-hoist", Metadata: { color: "blue", "file-name": "a b" },
    }));
    expectOk(put);
    expect(put.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);

    const get = await exchange(t.s3, path, new GetObjectCommand({ Bucket: t.bucket, Key: key }));
    expectOk(get);
    expect(get.body.equals(body)).toBe(true);
    expect(get.headers["content-type"]).toBe("application/x-hoist");
    expect(get.headers["content-length"]).toBe("4096");
    expect(get.headers["x-amz-meta-color"]).toBe("blue");
    expect(get.headers["x-amz-meta-file-name"]).toBe("a b");
    expect(get.headers.etag).toBe(put.headers.etag);

    const head = await exchange(t.s3, path, new HeadObjectCommand({ Bucket: t.bucket, Key: key }));
    expectOk(head);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBe("4096");
    expect(head.headers["x-amz-meta-color"]).toBe("blue");

    const del = await exchange(t.s3, path, new DeleteObjectCommand({ Bucket: t.bucket, Key: key }));
    expectOk(del, 204);
    await expectNoObject(t, key);
  });

  it("GetObject of a missing key is 404 NoSuchKey", async () => {
    const out = await exchange(t.s3, path, new GetObjectCommand({ Bucket: t.bucket, Key: t.key(`missing-${path}`) }));
    expectS3Error(out, 404, "NoSuchKey");
  });
});

describe("error documents", () => {
  it("an error answer is an XML <Error> document with Code and Message", async () => {
    const out = await exchange(t.s3, "presigned", new GetObjectCommand({ Bucket: t.bucket, Key: t.key("missing-xml") }));
    expect(out.status).toBe(404);
    expect(out.headers["content-type"]).toMatch(/^application\/xml/);
    const text = out.body.toString();
    expect(text).toMatch(/<Error>[\s\S]*<Code>NoSuchKey<\/Code>[\s\S]*<\/Error>/);
    expect(text).toMatch(/<Message>[^<]*<\/Message>|<Message\/>/);
    if (profile.errorMessages) expect(out.message).toBeTruthy();
  });
});
