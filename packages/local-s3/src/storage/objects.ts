import { randomUUID } from "node:crypto";
import { readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { S3Error } from "../errors";
import { isNotFound, readJson, writeJsonAtomic } from "./fs-util";
import { listIndex, updateIndex } from "./list-index";
import { decodeKeyName, paths } from "./paths";
import type { SortedList } from "./sorted-list";

/** The index of keys of {@link objectKeys}. */
const KEYS = "object-keys";

/** Sidecar of one stored object; the sidecar is the commit point, its data file is immutable once named. */
export interface ObjectMeta {
  key: string;
  /** File name inside the bucket's data directory. */
  dataFile: string;
  size: number;
  /** Quoted, as S3 returns it. */
  etag: string;
  lastModified: string;
  contentType: string;
  /** x-amz-meta-* (lower-case names without the prefix). */
  metadata: Record<string, string>;
  /** Stored representation headers (cache-control, content-disposition, ...). */
  headers: Record<string, string>;
  checksums: StoredChecksums;
}

/**
 * Additional checksums kept with an object or part (base64, as S3 shows them). A multipart object's composite value
 * ends in `-<parts>`; a full-object one (single PUT, FULL_OBJECT upload) does not.
 */
export interface StoredChecksums {
  sha256?: string;
  crc32?: string;
  crc64nvme?: string;
}

/** Everything about a new object except where its bytes end up. */
export type NewObject = Omit<ObjectMeta, "dataFile" | "lastModified">;

/** Reads an object's sidecar, or null when the key does not exist. */
export async function readObject(root: string, bucket: string, key: string): Promise<ObjectMeta | null> {
  return readJson<ObjectMeta>(paths.objectMeta(root, bucket, key));
}

/** Absolute path of an object's bytes. */
export function objectDataPath(root: string, bucket: string, meta: ObjectMeta): string {
  return join(paths.data(root, bucket), meta.dataFile);
}

/**
 * Publishes a fully received and verified temp file as `object.key`. Each version gets its own data file and the
 * sidecar switch is atomic, so concurrent readers see the old or the new object, never a mix.
 * `ifNoneMatch` makes the switch create-only (If-None-Match: *).
 */
export async function commitObject(root: string, bucket: string, tmpData: string, object: NewObject, ifNoneMatch: boolean): Promise<ObjectMeta> {
  const dataFile = `${randomUUID()}.data`;
  await rename(tmpData, join(paths.data(root, bucket), dataFile));
  const metaPath = paths.objectMeta(root, bucket, object.key);
  const previous = await readJson<ObjectMeta>(metaPath);
  const meta: ObjectMeta = { ...object, dataFile, lastModified: new Date().toISOString() };
  if (!(await writeJsonAtomic(root, metaPath, meta, ifNoneMatch))) {
    await rm(join(paths.data(root, bucket), dataFile), { force: true });
    throw preconditionFailed();
  }
  if (previous !== null && previous.dataFile !== dataFile) {
    await rm(join(paths.data(root, bucket), previous.dataFile), { force: true });
  }
  await updateIndex<Buffer>(root, bucket, KEYS, (keys) => {
    keys.insert(Buffer.from(object.key));
  });
  return meta;
}

/** Removes an object; a missing key is not an error (S3 answers 204 either way). */
export async function deleteObject(root: string, bucket: string, key: string): Promise<void> {
  const metaPath = paths.objectMeta(root, bucket, key);
  const meta = await readJson<ObjectMeta>(metaPath);
  if (meta === null) return;
  await rm(metaPath, { force: true });
  await updateIndex<Buffer>(root, bucket, KEYS, (keys) => {
    keys.remove(Buffer.from(key));
  });
  await rm(join(paths.data(root, bucket), meta.dataFile), { force: true });
}

/** Every key in the bucket in UTF-8 binary order, as a list a page seeks into (read from disk once). */
export function objectKeys(root: string, bucket: string): Promise<SortedList<Buffer>> {
  return listIndex(root, bucket, KEYS, () => readKeys(root, bucket), (a, b) => Buffer.compare(a, b));
}

/** Every key in the bucket, from the sidecars' names (or the sidecar itself for a hashed long key). */
async function readKeys(root: string, bucket: string): Promise<Buffer[]> {
  let names: string[];
  try {
    names = await readdir(paths.objects(root, bucket));
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const keys: Buffer[] = [];
  for (const name of names) {
    if (!name.endsWith(".json")) continue;
    const key = decodeKeyName(name) ?? (await readJson<ObjectMeta>(join(paths.objects(root, bucket), name)))?.key;
    if (key !== undefined) keys.push(Buffer.from(key));
  }
  return keys;
}

/** The answer to a failed If-None-Match / If-Match condition. */
export function preconditionFailed(): S3Error {
  return new S3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", { Condition: "If-None-Match" });
}
