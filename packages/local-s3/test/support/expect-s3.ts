import { HeadObjectCommand, ListPartsCommand, S3ServiceException } from "@aws-sdk/client-s3";
import { expect } from "vitest";
import type { Outcome } from "./clients.js";
import type { Target } from "./target.js";

/** Asserts an S3 error answer: HTTP status and the error code (from the SDK or the XML body). */
export function expectS3Error(out: Outcome, status: number, code: string): void {
  expect({ status: out.status, code: out.code }).toEqual({ status, code });
}

export function expectOk(out: Outcome, status = 200): void {
  expect({ status: out.status, code: out.code }).toEqual({ status, code: undefined });
}

/** Asserts that nothing is stored at `key` (HeadObject answers 404). */
export async function expectNoObject(t: Target, key: string, bucket = t.bucket): Promise<void> {
  const status = await t.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
    () => 200,
    (err: unknown) => (err instanceof S3ServiceException ? err.$metadata.httpStatusCode : -1),
  );
  expect(status, `HeadObject ${key}`).toBe(404);
}

/** Asserts that the multipart upload holds no parts. */
export async function expectNoParts(t: Target, key: string, uploadId: string): Promise<void> {
  const page = await t.s3.send(new ListPartsCommand({ Bucket: t.bucket, Key: key, UploadId: uploadId }));
  expect(page.Parts ?? []).toEqual([]);
}
