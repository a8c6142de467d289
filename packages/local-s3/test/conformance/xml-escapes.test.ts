import { GetObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MiB, multipartEtag, patternBytes } from "../support/bytes.js";
import { parseS3Error } from "../support/clients.js";
import { expectNoObject } from "../support/expect-s3.js";
import { createUpload, uploadParts } from "../support/multipart.js";
import { rawRequest } from "../../src/testing/index.js";
import { signHeaderAuth } from "../support/sigv4.js";
import { getTarget, type Target } from "../support/target.js";

let t: Target;
beforeAll(async () => {
  t = await getTarget("xml-escapes");
});
afterAll(() => t.close());

const parts = [patternBytes(5 * MiB, 61), patternBytes(1024, 62)];

/** A CompleteMultipartUpload body as Go's encoding/xml writes it: every `"` of an ETag becomes `&#34;`. */
function goStyleBody(etags: string[], escape: (etag: string) => string): string {
  const items = etags.map((etag, i) => `<Part><ETag>${escape(etag)}</ETag><PartNumber>${i + 1}</PartNumber></Part>`);
  return `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${items.join("")}</CompleteMultipartUpload>`;
}

/** Uploads two parts, then completes with a hand-written body sent with SigV4 header auth (no SDK). */
async function completeWith(name: string, escape: (etag: string) => string) {
  const key = t.key(name);
  const uploadId = await createUpload(t, key);
  const listed = await uploadParts(t, "sdk", key, uploadId, parts);
  const body = goStyleBody(listed.map((p) => p.ETag ?? ""), escape);
  const req = await signHeaderAuth(t, { method: "POST", key, query: { uploadId }, body, headers: { "content-type": "application/xml" } });
  const res = await rawRequest(req.url, { method: "POST", headers: req.headers, body });
  return { key, res };
}

describe("CompleteMultipartUpload bodies with XML character references (Go SDK clients)", () => {
  it("ETags quoted as &#34; (decimal references) complete the upload", async () => {
    const { key, res } = await completeWith("decimal", (etag) => etag.replace(/"/g, "&#34;"));
    expect(res.status, res.text).toBe(200);
    const got = await t.s3.send(new GetObjectCommand({ Bucket: t.bucket, Key: key }));
    expect(got.ETag).toBe(multipartEtag(parts));
    expect(got.ContentLength).toBe(5 * MiB + 1024);
  });

  it("ETags quoted as &#x22; (hex references) and &quot; (predefined entity) complete the upload", async () => {
    const { res: hex } = await completeWith("hex", (etag) => etag.replace(/"/g, "&#x22;"));
    expect(hex.status, hex.text).toBe(200);
    const { res: named } = await completeWith("named", (etag) => etag.replace(/"/g, "&quot;"));
    expect(named.status, named.text).toBe(200);
  });

  it("an undefined entity (&copy;) is 400 MalformedXML and nothing is stored", async () => {
    const { key, res } = await completeWith("undefined-entity", (etag) => `&copy;${etag}`);
    expect({ status: res.status, code: parseS3Error(res.text).code }).toEqual({ status: 400, code: "MalformedXML" });
    await expectNoObject(t, key);
  });
});
