import { randomBytes, randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { notFound } from "../errors";
import { isNotFound, readJson, writeJsonAtomic } from "./fs-util";
import { listIndex, updateIndex } from "./list-index";
import type { StoredChecksums } from "./objects";
import { isUploadId, paths } from "./paths";
import type { SortedList } from "./sorted-list";

/** The index of pending uploads of {@link pendingUploads}. */
const UPLOADS = "uploads";

/** State of one in-progress multipart upload (uploads/<id>/upload.json). */
export interface UploadMeta {
  uploadId: string;
  key: string;
  initiated: string;
  contentType: string;
  metadata: Record<string, string>;
  headers: Record<string, string>;
  /** Set by `x-amz-checksum-algorithm` at create: every part and the complete must carry this checksum. */
  checksumAlgorithm?: keyof StoredChecksums;
  /** How the object's checksum is made from the parts' (CRC64NVME is always FULL_OBJECT, SHA256 always COMPOSITE). */
  checksumType?: "COMPOSITE" | "FULL_OBJECT";
}

/** One uploaded part (uploads/<id>/parts/<n>.json); like objects, a re-upload gets a new data file. */
export interface PartMeta {
  partNumber: number;
  dataFile: string;
  size: number;
  etag: string;
  lastModified: string;
  checksums: StoredChecksums;
}

const partsDir = (root: string, bucket: string, id: string): string => join(paths.upload(root, bucket, id), "parts");

/** Starts an upload and returns its state. */
export async function createUpload(root: string, bucket: string, init: Omit<UploadMeta, "uploadId" | "initiated">): Promise<UploadMeta> {
  // Time first, so listing by upload id (what upload-id-marker pages over) is also listing by initiation.
  const uploadId = `${Date.now().toString(36).padStart(10, "0")}${randomBytes(18).toString("base64url")}`;
  const meta: UploadMeta = { ...init, uploadId, initiated: new Date().toISOString() };
  await mkdir(partsDir(root, bucket, meta.uploadId), { recursive: true });
  await writeJsonAtomic(root, join(paths.upload(root, bucket, meta.uploadId), "upload.json"), meta);
  await updateIndex<UploadMeta>(root, bucket, UPLOADS, (uploads) => {
    uploads.insert(meta);
  });
  return meta;
}

/** Reads an upload, answering NoSuchUpload for unknown, malformed, aborted or completed ids. */
export async function requireUpload(root: string, bucket: string, uploadId: string, key: string): Promise<UploadMeta> {
  const meta = isUploadId(uploadId) ? await readJson<UploadMeta>(join(paths.upload(root, bucket, uploadId), "upload.json")) : null;
  if (meta?.key !== key) throw notFound.upload();
  return meta;
}

/** Publishes a verified temp file as part `partNumber`, atomically replacing an earlier upload of that number. */
export async function commitPart(root: string, bucket: string, uploadId: string, tmpData: string, part: Omit<PartMeta, "dataFile" | "lastModified">): Promise<PartMeta> {
  const dir = partsDir(root, bucket, uploadId);
  const dataFile = `${part.partNumber}-${randomUUID()}.data`;
  try {
    await rename(tmpData, join(dir, dataFile));
  } catch (error) {
    await rm(tmpData, { force: true });
    // The upload was aborted or completed while this part streamed in.
    if (isNotFound(error)) throw notFound.upload();
    throw error;
  }
  const metaPath = join(dir, `${part.partNumber}.json`);
  const previous = await readJson<PartMeta>(metaPath);
  const meta: PartMeta = { ...part, dataFile, lastModified: new Date().toISOString() };
  await writeJsonAtomic(root, metaPath, meta);
  if (previous !== null) await rm(join(dir, previous.dataFile), { force: true });
  return meta;
}

/** Every uploaded part, by ascending part number. */
export async function listParts(root: string, bucket: string, uploadId: string): Promise<PartMeta[]> {
  return readPartsAfter(root, bucket, uploadId, 0, Infinity);
}

/**
 * At most `max` parts numbered above `after`, ascending. Part numbers are in the file names, so only the parts
 * returned are read: a ListParts page costs its own size, not the upload's.
 */
export async function readPartsAfter(root: string, bucket: string, uploadId: string, after: number, max: number): Promise<PartMeta[]> {
  const dir = partsDir(root, bucket, uploadId);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) throw notFound.upload();
    throw error;
  }
  const numbers = names
    .map((name) => /^(\d+)\.json$/.exec(name)?.[1])
    .map(Number)
    .filter((n) => n > after)
    .sort((a, b) => a - b);
  const parts: PartMeta[] = [];
  for (const n of numbers) {
    if (parts.length === max) break;
    const part = await readJson<PartMeta>(join(dir, `${n}.json`));
    if (part !== null) parts.push(part);
  }
  return parts;
}

/**
 * Concatenates part files into `tmpPath` one chunk at a time, honouring back-pressure, so memory stays flat
 * whatever the size. (A `pipeline(..., { end: false })` per part leaves its listeners on the one output stream:
 * past ten parts Node warns of a leak.) `tap` sees every chunk in order (a checksum only the bytes can give).
 */
export async function assembleParts(root: string, bucket: string, uploadId: string, parts: PartMeta[], tmpPath: string, tap?: (chunk: Buffer) => void): Promise<void> {
  const out = createWriteStream(tmpPath, { flags: "wx" });
  try {
    for (const part of parts) {
      for await (const chunk of createReadStream(join(partsDir(root, bucket, uploadId), part.dataFile))) {
        tap?.(chunk as Buffer);
        if (!out.write(chunk)) await once(out, "drain");
      }
    }
    await finished(out.end());
  } catch (error) {
    out.destroy();
    await rm(tmpPath, { force: true });
    throw error;
  }
}

/** Removes an upload and all its parts (abort, or after a successful complete). */
export async function removeUpload(root: string, bucket: string, uploadId: string): Promise<void> {
  const meta = await readJson<UploadMeta>(join(paths.upload(root, bucket, uploadId), "upload.json"));
  await rm(paths.upload(root, bucket, uploadId), { recursive: true, force: true });
  if (meta !== null) {
    await updateIndex<UploadMeta>(root, bucket, UPLOADS, (uploads) => {
      uploads.remove(meta);
    });
  }
}

/** S3's order of pending uploads: by key (UTF-8 binary), then upload id. */
export function compareUploads(a: Pick<UploadMeta, "key" | "uploadId">, b: Pick<UploadMeta, "key" | "uploadId">): number {
  return Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) || (a.uploadId < b.uploadId ? -1 : a.uploadId > b.uploadId ? 1 : 0);
}

/** Every in-progress upload of a bucket in {@link compareUploads} order, as a list a page seeks into (read from disk once). */
export function pendingUploads(root: string, bucket: string): Promise<SortedList<UploadMeta>> {
  return listIndex(root, bucket, UPLOADS, () => readUploads(root, bucket), compareUploads);
}

/** Every in-progress upload of a bucket (unsorted), from disk. */
async function readUploads(root: string, bucket: string): Promise<UploadMeta[]> {
  let ids: string[];
  try {
    ids = await readdir(paths.uploads(root, bucket));
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const uploads: UploadMeta[] = [];
  for (const id of ids.filter(isUploadId)) {
    const meta = await readJson<UploadMeta>(join(paths.upload(root, bucket, id), "upload.json"));
    if (meta !== null) uploads.push(meta);
  }
  return uploads;
}
