import {
  AbortMultipartUploadCommand,
  CreateBucketCommand,
  DeleteObjectCommand,
  HeadBucketCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  S3ServiceException,
  type S3Client,
} from "@aws-sdk/client-s3";

/** Deletes every object and aborts every multipart upload under `prefix`. */
export async function emptyBucket(s3: S3Client, bucket: string, prefix: string): Promise<void> {
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    await Promise.all((page.Contents ?? []).map((o) => s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key }))));
    token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
  } while (token !== undefined);
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  for (;;) {
    const page = await s3.send(
      new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix, KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker }),
    );
    await Promise.all(
      (page.Uploads ?? []).map((u) =>
        s3.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId })).catch(() => undefined),
      ),
    );
    if (page.IsTruncated !== true) return;
    keyMarker = page.NextKeyMarker;
    uploadIdMarker = page.NextUploadIdMarker;
  }
}

/** Creates `bucket` unless it exists (a shared store keeps it between runs). */
export async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (err) {
    if (!(err instanceof S3ServiceException) || err.$metadata.httpStatusCode !== 404) throw err;
    // Test files start in parallel: another one may create the bucket between our HEAD and PUT.
    await s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((e: unknown) => {
      if (!(e instanceof S3ServiceException) || e.name !== "BucketAlreadyOwnedByYou") throw e;
    });
  }
}

export function ignoreNoSuchBucket(err: unknown): void {
  if (!(err instanceof S3ServiceException) || err.name !== "NoSuchBucket") throw err;
}
