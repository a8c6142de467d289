import { receiveToFile } from "../body";
import { S3Error } from "../errors";
import { commitPart, createUpload, readPartsAfter, removeUpload, requireUpload } from "../storage/multipart";
import { paths } from "../storage/paths";
import { sendEmpty, sendXml, type OpContext } from "./context";
import { checkPartChecksumType, createChecksumSettings } from "./multipart-checksums";
import { checksumHeaders, storedAttributes } from "./object-headers";

/** CreateMultipartUpload (POST ?uploads). */
export async function createMultipartUpload(ctx: OpContext): Promise<void> {
  const checksum = createChecksumSettings(ctx.req.headers);
  const attributes = storedAttributes(ctx.req);
  const upload = await createUpload(ctx.root, ctx.bucket, { key: ctx.key, ...attributes, ...checksum });
  if (checksum.checksumAlgorithm !== undefined) ctx.res.setHeader("x-amz-checksum-algorithm", checksum.checksumAlgorithm.toUpperCase());
  if (checksum.checksumType !== undefined) ctx.res.setHeader("x-amz-checksum-type", checksum.checksumType);
  sendXml(ctx.res, 200, "InitiateMultipartUploadResult", { Bucket: ctx.bucket, Key: ctx.key, UploadId: upload.uploadId });
}

/** UploadPart (PUT ?partNumber&uploadId): streamed and verified like PutObject, then swapped in atomically. */
export async function uploadPart(ctx: OpContext): Promise<void> {
  const partNumber = parsePartNumber(ctx.query.get("partNumber"));
  const uploadId = ctx.query.get("uploadId") ?? "";
  if (ctx.req.headers["x-amz-copy-source"] !== undefined) {
    throw new S3Error("NotImplemented", "UploadPartCopy is not implemented by this local S3.");
  }
  const upload = await requireUpload(ctx.root, ctx.bucket, uploadId, ctx.key);
  checkPartChecksumType(upload, ctx.req.headers);
  const tmp = paths.tmp(ctx.root);
  const digests = await receiveToFile(ctx, tmp);
  const part = await commitPart(ctx.root, ctx.bucket, uploadId, tmp, {
    partNumber,
    size: digests.size,
    etag: `"${digests.md5Hex}"`,
    checksums: digests.checksums,
  });
  sendEmpty(ctx.res, 200, { ETag: part.etag, ...checksumHeaders(part.checksums, false) });
}

/** ListParts (GET ?uploadId), paged by part-number-marker. */
export async function listParts(ctx: OpContext): Promise<void> {
  const uploadId = ctx.query.get("uploadId") ?? "";
  const upload = await requireUpload(ctx.root, ctx.bucket, uploadId, ctx.key);
  const maxParts = Math.min(parseNonNegative(ctx.query.get("max-parts"), "max-parts", 1000), 1000);
  const marker = parseNonNegative(ctx.query.get("part-number-marker"), "part-number-marker", 0);
  // One part past the page tells whether it is truncated.
  const after = await readPartsAfter(ctx.root, ctx.bucket, uploadId, marker, maxParts + 1);
  const page = after.slice(0, maxParts);
  const truncated = after.length > page.length;
  const owner = { ID: ctx.auth.accessKeyId ?? "anonymous", DisplayName: ctx.auth.accessKeyId ?? "anonymous" };
  sendXml(ctx.res, 200, "ListPartsResult", {
    Bucket: ctx.bucket,
    Key: ctx.key,
    UploadId: uploadId,
    Initiator: owner,
    Owner: owner,
    StorageClass: "STANDARD",
    ChecksumAlgorithm: upload.checksumAlgorithm?.toUpperCase(),
    ChecksumType: upload.checksumType,
    PartNumberMarker: marker,
    NextPartNumberMarker: page.at(-1)?.partNumber ?? marker,
    MaxParts: maxParts,
    IsTruncated: truncated,
    Part: page.map((p) => ({
      PartNumber: p.partNumber,
      LastModified: p.lastModified,
      ETag: p.etag,
      Size: p.size,
      ChecksumCRC32: p.checksums.crc32,
      ChecksumCRC64NVME: p.checksums.crc64nvme,
      ChecksumSHA256: p.checksums.sha256,
    })),
  });
}

/** AbortMultipartUpload (DELETE ?uploadId): 204, and the id is gone for every later call. */
export async function abortMultipartUpload(ctx: OpContext): Promise<void> {
  const uploadId = ctx.query.get("uploadId") ?? "";
  await requireUpload(ctx.root, ctx.bucket, uploadId, ctx.key);
  await removeUpload(ctx.root, ctx.bucket, uploadId);
  sendEmpty(ctx.res, 204);
}

function parsePartNumber(value: string | undefined): number {
  const n = Number(value);
  if (value === undefined || !/^\d+$/.test(value) || n < 1 || n > 10_000) {
    throw new S3Error("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive", {
      ArgumentName: "partNumber",
      ArgumentValue: value ?? "",
    });
  }
  return n;
}

/** Parses an optional non-negative integer query parameter. */
export function parseNonNegative(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) {
    throw new S3Error("InvalidArgument", `Provided ${name} not an integer or within integer range`, { ArgumentName: name, ArgumentValue: value });
  }
  return Number(value);
}
