import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { receiveSmall } from "../body";
import { S3Error } from "../errors";
import { assembleParts, listParts, removeUpload, requireUpload, type PartMeta } from "../storage/multipart";
import { commitObject, preconditionFailed, readObject, type StoredChecksums } from "../storage/objects";
import { paths } from "../storage/paths";
import { parseXml } from "../xml";
import { sendXml, type OpContext } from "./context";
import { checkCompleteChecksums, type ListedChecksums } from "./multipart-checksums";
import { checksumFields } from "./object-headers";
import { planObjectChecksum } from "./object-checksum";
import { requireCreateOnly } from "./objects";

interface RequestedPart extends ListedChecksums {
  etag: string;
}

/** CompleteMultipartUpload (POST ?uploadId): validates the part list, streams parts into one object. */
export async function completeMultipartUpload(ctx: OpContext): Promise<void> {
  const uploadId = ctx.query.get("uploadId") ?? "";
  const upload = await requireUpload(ctx.root, ctx.bucket, uploadId, ctx.key);
  const createOnly = requireCreateOnly(ctx.req.headers["if-none-match"]);
  const body = await receiveSmall(ctx, true);
  const requested = parseCompleteBody(body.toString("utf8"));
  const stored = new Map((await listParts(ctx.root, ctx.bucket, uploadId)).map((p) => [p.partNumber, p]));
  const parts = matchParts(requested, stored, ctx.minPartSize);
  checkCompleteChecksums(upload, requested, parts);
  const plan = planObjectChecksum(upload, parts, ctx.req.headers);
  // Refused before any copy when no byte is needed; the upload stays open either way, as on AWS.
  const early = plan.tap === undefined ? plan.finish() : undefined;
  if (createOnly && (await readObject(ctx.root, ctx.bucket, ctx.key)) !== null) throw preconditionFailed();
  const tmp = paths.tmp(ctx.root);
  await assembleParts(ctx.root, ctx.bucket, uploadId, parts, tmp, plan.tap);
  const md5s = Buffer.concat(parts.map((p) => Buffer.from(p.etag.replace(/"/g, ""), "hex")));
  const etag = `"${createHash("md5").update(md5s).digest("hex")}-${parts.length}"`;
  const size = parts.reduce((sum, p) => sum + p.size, 0);
  let checksums: StoredChecksums;
  try {
    checksums = early ?? plan.finish();
    const { key, contentType, metadata, headers } = upload;
    await commitObject(ctx.root, ctx.bucket, tmp, { key, size, etag, contentType, metadata, headers, checksums }, createOnly);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await removeUpload(ctx.root, ctx.bucket, uploadId);
  const host = ctx.req.headers.host ?? "localhost";
  sendXml(ctx.res, 200, "CompleteMultipartUploadResult", {
    Location: `http://${host}/${ctx.bucket}/${encodeURIComponent(ctx.key).replace(/%2F/g, "/")}`,
    Bucket: ctx.bucket,
    Key: ctx.key,
    ETag: etag,
    ...checksumFields(checksums),
  });
}

function parseCompleteBody(text: string): RequestedPart[] {
  const doc = parseXml(text).CompleteMultipartUpload as { Part?: unknown[] } | undefined;
  const malformed = (): S3Error =>
    new S3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
  if (typeof doc !== "object" || !Array.isArray(doc.Part) || doc.Part.length === 0) throw malformed();
  return doc.Part.map((raw) => {
    const part = raw as { PartNumber?: unknown; ETag?: unknown; ChecksumSHA256?: unknown; ChecksumCRC32?: unknown; ChecksumCRC64NVME?: unknown };
    if (typeof part.PartNumber !== "string" || !/^\d+$/.test(part.PartNumber) || typeof part.ETag !== "string") throw malformed();
    const checksums = {
      ...(typeof part.ChecksumSHA256 === "string" ? { sha256: part.ChecksumSHA256 } : {}),
      ...(typeof part.ChecksumCRC32 === "string" ? { crc32: part.ChecksumCRC32 } : {}),
      ...(typeof part.ChecksumCRC64NVME === "string" ? { crc64nvme: part.ChecksumCRC64NVME } : {}),
    };
    return { partNumber: Number(part.PartNumber), etag: part.ETag.replace(/"/g, ""), checksums };
  });
}

function matchParts(requested: RequestedPart[], stored: Map<number, PartMeta>, minPartSize: number): PartMeta[] {
  const out: PartMeta[] = [];
  for (const [i, want] of requested.entries()) {
    const prev = requested[i - 1];
    if (prev !== undefined && want.partNumber <= prev.partNumber) {
      throw new S3Error("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.");
    }
    const have = stored.get(want.partNumber);
    if (have?.etag.replace(/"/g, "") !== want.etag) {
      throw new S3Error("InvalidPart", "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part's entity tag.", {
        PartNumber: String(want.partNumber),
        ETag: want.etag,
      });
    }
    out.push(have);
  }
  for (const part of out.slice(0, -1)) {
    if (part.size < minPartSize) {
      throw new S3Error("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.", {
        ProposedSize: String(part.size),
        MinSizeAllowed: String(minPartSize),
        PartNumber: String(part.partNumber),
        ETag: part.etag,
      });
    }
  }
  return out;
}
