import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";

/** An object as ListObjectsV2 reports it. */
export interface ListedObject {
  key: string;
  lastModified: Date | undefined;
}

/** Input of {@link listObjectPages}. */
export interface ListObjectsInput {
  bucket: string;
  /** Only keys starting with this, e.g. a route's prefix. */
  prefix?: string;
  /** Keys per page, 1..1,000 (S3's cap and default). */
  maxKeys?: number;
}

/**
 * The objects under a prefix one page at a time, following ListObjectsV2 continuation tokens, so a caller holds
 * one page and never the whole bucket. Reconciliation uses it to find objects the database does not know.
 */
export async function* listObjectPages(client: S3Client, input: ListObjectsInput): AsyncGenerator<ListedObject[], void> {
  let token: string | undefined;
  for (;;) {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: input.bucket, Prefix: input.prefix, MaxKeys: input.maxKeys, ContinuationToken: token }),
    );
    yield (page.Contents ?? []).flatMap((o) => (o.Key === undefined ? [] : [{ key: o.Key, lastModified: o.LastModified }]));
    if (!page.IsTruncated) return;
    if (page.NextContinuationToken === undefined || page.NextContinuationToken === token) {
      throw new Error(`ListObjectsV2 in ${input.bucket} did not advance past ${token ?? "the start"}`);
    }
    token = page.NextContinuationToken;
  }
}
