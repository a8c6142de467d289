import { ListPartsCommand } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import type { UploadRef } from "./upload-ref.js";
import { withUpload } from "./s3-errors.js";

/** One uploaded part as ListParts reports it. */
export interface ListedPart {
  partNumber: number;
  size: number;
  /** Quoted, as S3 sends it. */
  etag: string;
  /** Present when the upload was created with a SHA-256 checksum and the store keeps it. */
  checksumSha256?: string;
  /** Present when the upload was created with a CRC64NVME checksum and the store keeps it. */
  checksumCrc64nvme?: string;
}

/** One page of {@link listPartsPage}; `nextMarker` is set while more parts follow. */
export interface ListedPartsPage {
  parts: ListedPart[];
  nextMarker?: number;
}

/** Input of {@link listPartsPage}. */
export interface ListPartsPageInput extends UploadRef {
  /** List parts after this part number; 0 or unset starts at the first part. */
  marker?: number;
  /** At most this many parts (S3 caps a page at 1,000 whatever is asked). */
  maxParts?: number;
}

type SdkPart = { PartNumber?: number; Size?: number; ETag?: string; ChecksumSHA256?: string; ChecksumCRC64NVME?: string };

function toListedPart(part: SdkPart) {
  const listed: ListedPart = { partNumber: part.PartNumber ?? 0, size: part.Size ?? 0, etag: part.ETag ?? "" };
  if (part.ChecksumSHA256) listed.checksumSha256 = part.ChecksumSHA256;
  if (part.ChecksumCRC64NVME) listed.checksumCrc64nvme = part.ChecksumCRC64NVME;
  return listed;
}

/**
 * One page of ListParts, for callers that page themselves (the `upload.listParts` procedure).
 *
 * @throws UploadNotFoundError when the upload is gone (also when Ceph calls it NoSuchKey)
 */
export async function listPartsPage(client: S3Client, input: ListPartsPageInput): Promise<ListedPartsPage> {
  const command = new ListPartsCommand({
    Bucket: input.bucket,
    Key: input.key,
    UploadId: input.uploadId,
    ...(input.marker ? { PartNumberMarker: String(input.marker) } : {}),
    ...(input.maxParts === undefined ? {} : { MaxParts: input.maxParts }),
  });
  const result = await withUpload(input.uploadId, input.profile, () => client.send(command));
  const parts = (result.Parts ?? []).map(toListedPart);
  const next = Number(result.NextPartNumberMarker);
  // Some stores set a marker on the last page too; IsTruncated is what says another page exists.
  return result.IsTruncated && next > 0 ? { parts, nextMarker: next } : { parts };
}

/**
 * Every part of an upload, in part-number order, following `NextPartNumberMarker` across pages of 1,000.
 * Streams pages so a 10,000-part upload never needs more than one page in flight.
 *
 * @throws UploadNotFoundError when the upload is gone
 */
export async function* listAllParts(client: S3Client, input: UploadRef): AsyncGenerator<ListedPart, void> {
  let marker: number | undefined;
  do {
    const page = await listPartsPage(client, { ...input, ...(marker === undefined ? {} : { marker }) });
    yield* page.parts;
    if (page.nextMarker !== undefined && page.nextMarker <= (marker ?? 0)) {
      throw new Error(`ListParts for upload ${input.uploadId} did not advance past part ${marker ?? 0}`);
    }
    marker = page.nextMarker;
  } while (marker !== undefined);
}

/** {@link listAllParts} collected into an array: at most 10,000 small records. */
export async function collectParts(client: S3Client, input: UploadRef): Promise<ListedPart[]> {
  const parts: ListedPart[] = [];
  for await (const part of listAllParts(client, input)) parts.push(part);
  return parts;
}
