import type { IncomingMessage } from "node:http";
import { S3Error } from "../errors";
import type { ObjectMeta, StoredChecksums } from "../storage/objects";

/** Representation headers S3 stores with an object and returns on GET/HEAD. */
const STORED_HEADERS = ["cache-control", "content-disposition", "content-encoding", "content-language", "expires"];
const MAX_METADATA_BYTES = 2048;

/** Content-Type, x-amz-meta-* and stored representation headers of a PutObject / CreateMultipartUpload. */
export function storedAttributes(req: IncomingMessage): Pick<ObjectMeta, "contentType" | "metadata" | "headers"> {
  const metadata: Record<string, string> = {};
  let bytes = 0;
  for (const [name, value] of Object.entries(req.headers)) {
    if (!name.startsWith("x-amz-meta-") || value === undefined) continue;
    const text = Array.isArray(value) ? value.join(",") : value;
    metadata[name.slice("x-amz-meta-".length)] = text;
    bytes += Buffer.byteLength(name.slice("x-amz-meta-".length)) + Buffer.byteLength(text);
  }
  if (bytes > MAX_METADATA_BYTES) {
    throw new S3Error("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size.", {
      Size: String(bytes),
      MaxSizeAllowed: String(MAX_METADATA_BYTES),
    });
  }
  const headers: Record<string, string> = {};
  for (const name of STORED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  return { contentType: req.headers["content-type"] ?? "binary/octet-stream", metadata, headers };
}

/** Response headers describing a stored object (GET/HEAD), with `response-*` query overrides applied. */
export function objectHeaders(meta: ObjectMeta, query: Map<string, string>, withChecksums: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    "Content-Type": meta.contentType,
    ETag: meta.etag,
    "Last-Modified": new Date(meta.lastModified).toUTCString(),
    "Accept-Ranges": "bytes",
    ...meta.headers,
  };
  for (const [name, value] of Object.entries(meta.metadata)) headers[`x-amz-meta-${name}`] = value;
  if (withChecksums) Object.assign(headers, checksumHeaders(meta.checksums));
  const type = query.get("response-content-type");
  if (type !== undefined) headers["Content-Type"] = type;
  for (const name of ["content-language", "expires", "cache-control", "content-disposition", "content-encoding"]) {
    const value = query.get(`response-${name}`);
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

/** x-amz-checksum-* response headers for stored checksums (UploadPart: without the object's checksum type). */
export function checksumHeaders(checksums: StoredChecksums, withType = true): Record<string, string> {
  const out: Record<string, string> = {};
  if (checksums.sha256 !== undefined) out["x-amz-checksum-sha256"] = checksums.sha256;
  if (checksums.crc32 !== undefined) out["x-amz-checksum-crc32"] = checksums.crc32;
  if (checksums.crc64nvme !== undefined) out["x-amz-checksum-crc64nvme"] = checksums.crc64nvme;
  const type = checksumType(checksums);
  if (withType && type !== undefined) out["x-amz-checksum-type"] = type;
  return out;
}

/** Checksum elements of a CompleteMultipartUploadResult (and the like), as S3 names them. */
export function checksumFields(checksums: StoredChecksums): Record<string, string | undefined> {
  return {
    ChecksumCRC32: checksums.crc32,
    ChecksumCRC64NVME: checksums.crc64nvme,
    ChecksumSHA256: checksums.sha256,
    ChecksumType: checksumType(checksums),
  };
}

/** A composite value ends in `-<parts>`; any other (single PUT, FULL_OBJECT upload) is the whole object's. */
function checksumType(checksums: StoredChecksums): "COMPOSITE" | "FULL_OBJECT" | undefined {
  const value = checksums.crc64nvme ?? checksums.crc32 ?? checksums.sha256;
  if (value === undefined) return undefined;
  return /-\d+$/.test(value) ? "COMPOSITE" : "FULL_OBJECT";
}
