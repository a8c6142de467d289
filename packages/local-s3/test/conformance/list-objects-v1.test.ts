import { ListObjectsCommand } from "@aws-sdk/client-s3";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, PATHS } from "../support/clients.js";
import { expectOk } from "../support/expect-s3.js";
import { rawRequest } from "../../src/testing/index.js";
import { signHeaderAuth } from "../support/sigv4.js";
import { LISTING_NAMES, seedListing } from "../support/listing.js";
import { getTarget, type Target } from "../support/target.js";

let t: Target;
let base: string;
beforeAll(async () => {
  t = await getTarget("list-objects-v1");
  base = t.key("v1/");
  await seedListing(t, base);
});
afterAll(() => t.close());

interface V1Page {
  keys: string[];
  prefixes: string[];
  truncated: boolean;
  nextMarker?: string;
}

const xml = new XMLParser({ parseTagValue: false, isArray: (name) => name === "Contents" || name === "CommonPrefixes" });

/**
 * GET /bucket?delimiter=&encoding-type=url&marker=&max-keys=&prefix= with SigV4 header auth, the request Go SDK
 * v1 based tools (and rclone, s3cmd) send for a listing; keys come back URL-encoded.
 */
async function listV1(query: Record<string, string>): Promise<V1Page> {
  const req = await signHeaderAuth(t, { method: "GET", key: "", query: { "encoding-type": "url", ...query } });
  const res = await rawRequest(req.url, { method: "GET", headers: req.headers });
  expect(res.status, res.text).toBe(200);
  const doc = (xml.parse(res.text) as { ListBucketResult: Record<string, unknown> }).ListBucketResult;
  const contents = (doc.Contents ?? []) as { Key: string }[];
  const prefixes = (doc.CommonPrefixes ?? []) as { Prefix: string }[];
  const next = doc.NextMarker as string | undefined;
  return {
    keys: contents.map((c) => decodeURIComponent(c.Key)),
    prefixes: prefixes.map((p) => decodeURIComponent(p.Prefix)),
    truncated: doc.IsTruncated === "true",
    ...(next === undefined ? {} : { nextMarker: decodeURIComponent(next) }),
  };
}

describe("ListObjects (version 1) with raw requests", () => {
  it("pages 25 keys 10 at a time, each page resuming after the last key (marker), in UTF-8 binary order", async () => {
    const pages: V1Page[] = [];
    let marker = "";
    do {
      const page = await listV1({ prefix: base, marker, "max-keys": "10" });
      pages.push(page);
      // Without a delimiter AWS documents no NextMarker (RGW sends one anyway): clients resume after the last key.
      marker = page.keys.at(-1) ?? "";
    } while (pages.at(-1)?.truncated === true && pages.length < 10);
    expect(pages.map((p) => [p.keys.length, p.truncated])).toEqual([[10, true], [10, true], [5, false]]);
    expect(pages.flatMap((p) => p.keys)).toEqual(LISTING_NAMES.map((n) => base + n).sort());
  });

  it("with delimiter '/', pages of 3 follow NextMarker across common prefixes without repeating one", async () => {
    const seen: V1Page[] = [];
    let marker = "";
    do {
      const page = await listV1({ prefix: base, delimiter: "/", marker, "max-keys": "3" });
      seen.push(page);
      if (page.truncated) expect(page.nextMarker).toBe([...page.keys, ...page.prefixes].sort().at(-1));
      marker = page.nextMarker ?? "";
    } while (seen.at(-1)?.truncated === true && seen.length < 20);
    expect(seen.flatMap((p) => p.prefixes)).toEqual([`${base}dir-a/`, `${base}dir-b/`]);
    expect(seen.flatMap((p) => p.keys)).toEqual(LISTING_NAMES.filter((n) => !n.includes("/")).map((n) => base + n));
    expect(seen.map((p) => p.keys.length + p.prefixes.length)).toEqual([3, 3, 3, 3, 3, 3, 3, 1]);
  });
});

describe.each(PATHS)("ListObjectsCommand (version 1) via %s", (path) => {
  it("answers Contents, CommonPrefixes, IsTruncated and NextMarker", async () => {
    const out = await exchange(t.s3, path, new ListObjectsCommand({ Bucket: t.bucket, Prefix: base, Delimiter: "/", MaxKeys: 21 }));
    expectOk(out);
    if (path === "sdk") {
      expect(out.fields.IsTruncated).toBe(true);
      expect(out.fields.NextMarker).toBe(`${base}flat-18`);
      expect((out.fields.CommonPrefixes as { Prefix: string }[]).map((p) => p.Prefix)).toEqual([`${base}dir-a/`, `${base}dir-b/`]);
      expect(out.fields.Contents).toHaveLength(19);
    } else {
      expect(out.fields.IsTruncated).toBe("true");
      expect(out.fields.NextMarker).toBe(`${base}flat-18`);
    }
  });
});
