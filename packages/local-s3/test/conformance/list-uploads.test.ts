import { ListMultipartUploadsCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange } from "../support/clients.js";
import { expectOk } from "../support/expect-s3.js";
import { createUpload } from "../support/multipart.js";
import { getTarget, type Target } from "../support/target.js";

let t: Target;
let prefix: string;
/** Two uploads share key "b" so paging has to resume inside one key with UploadIdMarker. */
const keys = ["a", "b", "b", "c", "d"];
let created: { key: string; uploadId: string }[];
beforeAll(async () => {
  t = await getTarget("list-uploads");
  prefix = t.key("uploads/");
  created = [];
  for (const k of keys) created.push({ key: prefix + k, uploadId: await createUpload(t, prefix + k) });
});
afterAll(() => t.close());

describe("ListMultipartUploads via sdk", () => {
  it("pages uploads 2 at a time with KeyMarker and UploadIdMarker, sorted by key", async () => {
    const pages: { key: string; uploadId: string }[][] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    for (;;) {
      const page = await t.s3.send(new ListMultipartUploadsCommand({
        Bucket: t.bucket, Prefix: prefix, MaxUploads: 2, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker,
      }));
      pages.push((page.Uploads ?? []).map((u) => ({ key: u.Key!, uploadId: u.UploadId! })));
      if (page.IsTruncated !== true || pages.length >= 10) break;
      expect(page.NextKeyMarker).toBe(pages.at(-1)!.at(-1)!.key);
      expect(page.NextUploadIdMarker).toBe(pages.at(-1)!.at(-1)!.uploadId);
      keyMarker = page.NextKeyMarker;
      uploadIdMarker = page.NextUploadIdMarker;
    }
    expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
    const listed = pages.flat();
    expect(listed.map((u) => u.key)).toEqual(keys.map((k) => prefix + k));
    expect(new Set(listed.map((u) => u.uploadId))).toEqual(new Set(created.map((u) => u.uploadId)));
  });

  it("Prefix restricts the listing to uploads whose key starts with it", async () => {
    const page = await t.s3.send(new ListMultipartUploadsCommand({ Bucket: t.bucket, Prefix: `${prefix}b` }));
    expect((page.Uploads ?? []).map((u) => u.Key)).toEqual([`${prefix}b`, `${prefix}b`]);
  });
});

describe("ListMultipartUploads via presigned", () => {
  it("answers an XML ListMultipartUploadsResult page with IsTruncated and the next markers", async () => {
    const out = await exchange(t.s3, "presigned", new ListMultipartUploadsCommand({ Bucket: t.bucket, Prefix: prefix, MaxUploads: 3 }));
    expectOk(out);
    expect(out.fields.IsTruncated).toBe("true");
    expect(out.fields.NextKeyMarker).toBe(`${prefix}b`);
    expect(out.fields.NextUploadIdMarker).toEqual(expect.any(String));
    expect(out.fields.Upload).toHaveLength(3);
  });
});
