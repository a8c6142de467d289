import { CreateMultipartUploadCommand, UploadPartCommand, type CompletedPart } from "@aws-sdk/client-s3";
import { expect } from "vitest";
import { exchange, type Path } from "./clients.js";
import { expectOk } from "./expect-s3.js";
import type { Target } from "./target.js";

/** Starts a multipart upload through the SDK and returns its id. */
export async function createUpload(t: Target, key: string): Promise<string> {
  const out = await t.s3.send(new CreateMultipartUploadCommand({ Bucket: t.bucket, Key: key }));
  expect(out.UploadId).toBeTruthy();
  return out.UploadId!;
}

/** Uploads `parts` (part numbers 1..n) in parallel through `path` and returns them as CompleteMultipartUpload wants. */
export async function uploadParts(t: Target, path: Path, key: string, uploadId: string, parts: Buffer[]): Promise<CompletedPart[]> {
  return Promise.all(
    parts.map(async (body, i) => {
      const out = await exchange(t.s3, path, new UploadPartCommand({
        Bucket: t.bucket, Key: key, UploadId: uploadId, PartNumber: i + 1, Body: body,
      }));
      expectOk(out);
      expect(out.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
      return { PartNumber: i + 1, ETag: out.headers.etag! };
    }),
  );
}
