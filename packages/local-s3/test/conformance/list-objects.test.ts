import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, PATHS } from "../support/clients.js";
import { expectOk } from "../support/expect-s3.js";
import { LISTING_NAMES, seedListing } from "../support/listing.js";
import { getTarget, type Target } from "../support/target.js";

let t: Target;
let base: string;
beforeAll(async () => {
  t = await getTarget("list-objects");
  base = t.key("paged/");
  await seedListing(t, base);
});
afterAll(() => t.close());

describe("ListObjectsV2 via sdk", () => {
  it("pages 25 keys 10 at a time through ContinuationToken, in UTF-8 binary order", async () => {
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const page = await t.s3.send(new ListObjectsV2Command({ Bucket: t.bucket, Prefix: base, MaxKeys: 10, ContinuationToken: token }));
      const keys = (page.Contents ?? []).map((o) => o.Key ?? "");
      pages.push(keys);
      expect(page.KeyCount).toBe(keys.length);
      expect(page.IsTruncated).toBe(pages.length < 3);
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      if (page.IsTruncated === true) expect(token).toBeTruthy();
    } while (token !== undefined && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(LISTING_NAMES.map((n) => base + n).sort());
  });

  it("Prefix restricts the listing to keys that start with it", async () => {
    const page = await t.s3.send(new ListObjectsV2Command({ Bucket: t.bucket, Prefix: `${base}dir-a/` }));
    expect((page.Contents ?? []).map((o) => o.Key)).toEqual([`${base}dir-a/one`, `${base}dir-a/three`, `${base}dir-a/two`]);
  });

  it("Delimiter rolls keys below the next '/' into CommonPrefixes", async () => {
    const page = await t.s3.send(new ListObjectsV2Command({ Bucket: t.bucket, Prefix: base, Delimiter: "/", MaxKeys: 100 }));
    expect((page.CommonPrefixes ?? []).map((p) => p.Prefix)).toEqual([`${base}dir-a/`, `${base}dir-b/`]);
    expect(page.Contents).toHaveLength(20);
    expect(page.KeyCount).toBe(22);
    const nested = await t.s3.send(new ListObjectsV2Command({ Bucket: t.bucket, Prefix: `${base}dir-b/`, Delimiter: "/" }));
    expect((nested.Contents ?? []).map((o) => o.Key)).toEqual([`${base}dir-b/one`]);
    expect((nested.CommonPrefixes ?? []).map((p) => p.Prefix)).toEqual([`${base}dir-b/nested/`]);
  });
});

describe("ListObjectsV2 via presigned", () => {
  it("answers an XML ListBucketResult page with KeyCount, IsTruncated and NextContinuationToken", async () => {
    const out = await exchange(t.s3, "presigned", new ListObjectsV2Command({ Bucket: t.bucket, Prefix: base, MaxKeys: 10 }));
    expectOk(out);
    const doc = new XMLParser({ parseTagValue: false }).parse(out.body.toString()) as {
      ListBucketResult?: { KeyCount?: string; IsTruncated?: string; NextContinuationToken?: string; Contents?: unknown[] };
    };
    expect(doc.ListBucketResult?.KeyCount).toBe("10");
    expect(doc.ListBucketResult?.IsTruncated).toBe("true");
    expect(doc.ListBucketResult?.NextContinuationToken).toBeTruthy();
    expect(doc.ListBucketResult?.Contents).toHaveLength(10);
  });
});

const oddKeys = ["a b/ü+%.txt", "plus+and space", "q?uery#hash", "amp&lt;<tag>", "tilde~star*(paren)", "emoji-🚀", "percent%2F"];

describe.each(PATHS)("keys with unicode, spaces and special characters via %s", (path) => {
  it.each(oddKeys)("%j round-trips through PutObject, ListObjectsV2 and GetObject", async (name) => {
    const key = t.key(`odd-${path}/${name}`);
    expectOk(await exchange(t.s3, path, new PutObjectCommand({ Bucket: t.bucket, Key: key, Body: name })));
    const page = await t.s3.send(new ListObjectsV2Command({ Bucket: t.bucket, Prefix: key }));
    expect((page.Contents ?? []).map((o) => o.Key)).toEqual([key]);
    const got = await exchange(t.s3, path, new GetObjectCommand({ Bucket: t.bucket, Key: key }));
    expectOk(got);
    expect(got.body.toString()).toBe(name);
  });
});
