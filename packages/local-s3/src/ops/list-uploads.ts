import { compareUploads, pendingUploads, type UploadMeta } from "../storage/multipart";
import { sendXml, type OpContext } from "./context";
import { parseNonNegative } from "./multipart";

/** ListMultipartUploads (GET ?uploads): ordered by key (UTF-8 binary) then upload id, paged by the two markers. */
export async function listMultipartUploads(ctx: OpContext): Promise<void> {
  const prefix = ctx.query.get("prefix") ?? "";
  const keyMarker = ctx.query.get("key-marker") ?? "";
  const uploadIdMarker = ctx.query.get("upload-id-marker") ?? "";
  const maxUploads = Math.min(parseNonNegative(ctx.query.get("max-uploads"), "max-uploads", 1000), 1000);
  const { page, truncated } = await uploadsPage(ctx, prefix, { key: keyMarker, uploadId: uploadIdMarker }, maxUploads);
  const owner = { ID: ctx.auth.accessKeyId ?? "anonymous", DisplayName: ctx.auth.accessKeyId ?? "anonymous" };
  sendXml(ctx.res, 200, "ListMultipartUploadsResult", {
    Bucket: ctx.bucket,
    KeyMarker: keyMarker,
    UploadIdMarker: uploadIdMarker,
    NextKeyMarker: truncated ? page.at(-1)?.key : undefined,
    NextUploadIdMarker: truncated ? page.at(-1)?.uploadId : undefined,
    Prefix: prefix,
    MaxUploads: maxUploads,
    IsTruncated: truncated,
    Upload: page.map((u) => ({
      Key: u.key,
      UploadId: u.uploadId,
      Initiator: owner,
      Owner: owner,
      StorageClass: "STANDARD",
      Initiated: u.initiated,
      ChecksumAlgorithm: u.checksumAlgorithm?.toUpperCase(),
      ChecksumType: u.checksumType,
    })),
  });
}

/** Seeks past the markers and to the prefix, then reads at most `max` + 1 uploads: a page costs its own size. */
async function uploadsPage(ctx: OpContext, prefix: string, marker: Pick<UploadMeta, "key" | "uploadId">, max: number) {
  const uploads = await pendingUploads(ctx.root, ctx.bucket);
  // Without upload-id-marker, S3 skips every upload of the marker key; with it, only those up to that id.
  const after = marker.key === "" ? 0 : uploads.seek((u) => (marker.uploadId === "" ? Buffer.compare(Buffer.from(u.key), Buffer.from(marker.key)) > 0 : compareUploads(u, marker) > 0));
  const start = Math.max(after, uploads.seek((u) => Buffer.compare(Buffer.from(u.key), Buffer.from(prefix)) >= 0));
  const page: UploadMeta[] = [];
  let truncated = false;
  for (let i = start; i < uploads.length; i += 1) {
    const upload = uploads.at(i) as UploadMeta;
    if (!upload.key.startsWith(prefix)) break;
    if (page.length === max) {
      truncated = true;
      break;
    }
    page.push(upload);
  }
  return { page, truncated };
}
