import { ListMultipartUploadsCommand } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";

/** An unfinished multipart upload as ListMultipartUploads reports it. */
export interface PendingUpload {
  key: string;
  uploadId: string;
  initiated: Date | undefined;
}

/** Input of {@link listAllMultipartUploads}. */
export interface ListUploadsInput {
  bucket: string;
  /** Only keys starting with this, e.g. a route's prefix. */
  prefix?: string;
  /** Uploads per page, 1..1,000 (S3's cap and default); smaller pages only make sense in tests. */
  maxUploads?: number;
}

/**
 * Every unfinished multipart upload in a bucket, following `NextKeyMarker`/`NextUploadIdMarker` across pages
 * of 1,000; the sweeper and reconciliation use it to find uploads the database has forgotten.
 */
export async function* listAllMultipartUploads(
  client: S3Client,
  input: ListUploadsInput,
): AsyncGenerator<PendingUpload, void> {
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const result = await client.send(
      new ListMultipartUploadsCommand({
        Bucket: input.bucket,
        Prefix: input.prefix,
        KeyMarker: keyMarker,
        UploadIdMarker: uploadIdMarker,
        MaxUploads: input.maxUploads,
      }),
    );
    for (const upload of result.Uploads ?? []) {
      if (upload.Key && upload.UploadId) {
        yield { key: upload.Key, uploadId: upload.UploadId, initiated: upload.Initiated };
      }
    }
    if (!result.IsTruncated) return;
    if (result.NextKeyMarker === keyMarker && result.NextUploadIdMarker === uploadIdMarker) {
      throw new Error(`ListMultipartUploads in ${input.bucket} did not advance past ${keyMarker ?? "the start"}`);
    }
    keyMarker = result.NextKeyMarker;
    uploadIdMarker = result.NextUploadIdMarker;
  }
}
