import { listUploads, type UploadMeta } from "../storage/multipart";
import { sendXml, type OpContext } from "./context";
import { parseNonNegative } from "./multipart";

/** ListMultipartUploads (GET ?uploads): ordered by key (UTF-8 binary) then upload id, paged by the two markers. */
export async function listMultipartUploads(ctx: OpContext): Promise<void> {
  const prefix = ctx.query.get("prefix") ?? "";
  const keyMarker = ctx.query.get("key-marker") ?? "";
  const uploadIdMarker = ctx.query.get("upload-id-marker") ?? "";
  const maxUploads = Math.min(parseNonNegative(ctx.query.get("max-uploads"), "max-uploads", 1000), 1000);
  const all = (await listUploads(ctx.root, ctx.bucket))
    .filter((u) => u.key.startsWith(prefix) && isAfter(u, keyMarker, uploadIdMarker))
    .sort(compareUploads);
  const page = all.slice(0, maxUploads);
  const truncated = all.length > page.length;
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
    })),
  });
}

// Without upload-id-marker, S3 skips every upload of the marker key; with it, only those up to that id.
function isAfter(upload: UploadMeta, keyMarker: string, uploadIdMarker: string): boolean {
  if (keyMarker === "") return true;
  const order = Buffer.compare(Buffer.from(upload.key), Buffer.from(keyMarker));
  if (order !== 0) return order > 0;
  return uploadIdMarker !== "" && upload.uploadId > uploadIdMarker;
}

function compareUploads(a: UploadMeta, b: UploadMeta): number {
  return Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) || (a.uploadId < b.uploadId ? -1 : a.uploadId > b.uploadId ? 1 : 0);
}
