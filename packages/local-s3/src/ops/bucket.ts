import { receiveSmall } from "../body";
import { S3Error } from "../errors";
import { createBucket as makeBucket, deleteBucket as removeBucket, listBuckets as readBuckets, requireBucket } from "../storage/bucket-config";
import { isBucketName } from "../storage/paths";
import { sendEmpty, sendXml, type OpContext } from "./context";

/** CreateBucket (PUT /bucket); a CreateBucketConfiguration body is accepted and its location ignored. */
export async function createBucket(ctx: OpContext): Promise<void> {
  if (!isBucketName(ctx.bucket)) {
    throw new S3Error("InvalidBucketName", "The specified bucket is not valid.", { BucketName: ctx.bucket });
  }
  await receiveSmall(ctx);
  if (!(await makeBucket(ctx.root, ctx.bucket, { public: false, cors: null }))) {
    throw new S3Error("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", {
      BucketName: ctx.bucket,
    });
  }
  sendEmpty(ctx.res, 200, { Location: `/${ctx.bucket}` });
}

/** HeadBucket: 200 with the region header, or a body-less 404. */
export async function headBucket(ctx: OpContext): Promise<void> {
  await requireBucket(ctx.root, ctx.bucket);
  sendEmpty(ctx.res, 200, { "x-amz-bucket-region": ctx.region });
}

/** DeleteBucket: only when empty. */
export async function deleteBucket(ctx: OpContext): Promise<void> {
  await removeBucket(ctx.root, ctx.bucket);
  sendEmpty(ctx.res, 204);
}

/** GetBucketLocation (GET ?location). */
export async function getBucketLocation(ctx: OpContext): Promise<void> {
  await requireBucket(ctx.root, ctx.bucket);
  // S3 reports us-east-1 as an empty LocationConstraint.
  sendXml(ctx.res, 200, "LocationConstraint", { "#text": ctx.region === "us-east-1" ? "" : ctx.region });
}

/** ListBuckets (GET /). */
export async function listBuckets(ctx: OpContext): Promise<void> {
  const buckets = await readBuckets(ctx.root);
  const id = ctx.auth.accessKeyId ?? "anonymous";
  sendXml(ctx.res, 200, "ListAllMyBucketsResult", {
    Owner: { ID: id, DisplayName: id },
    Buckets: { Bucket: buckets.map((b) => ({ Name: b.name, CreationDate: b.createdAt })) },
  });
}
