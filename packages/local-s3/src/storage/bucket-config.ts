import { mkdir, readdir, rm } from "node:fs/promises";
import type { CorsRule, LifecycleRule } from "../types";
import { S3Error } from "../errors";
import { isNotFound, readJson, writeJsonAtomic } from "./fs-util";
import { forgetIndexes } from "./list-index";
import { paths } from "./paths";

/** Per-bucket settings persisted in bucket.json. */
export interface BucketSettings {
  createdAt: string;
  public: boolean;
  cors: CorsRule[] | null;
  /** Absent in bucket.json files written before lifecycle configuration was served. */
  lifecycle?: LifecycleRule[] | null;
}

/** Reads a bucket's settings, or null when the bucket does not exist. */
export async function readBucket(root: string, bucket: string): Promise<BucketSettings | null> {
  return readJson<BucketSettings>(paths.bucketConfig(root, bucket));
}

/** Reads a bucket's settings, answering NoSuchBucket when it does not exist. */
export async function requireBucket(root: string, bucket: string): Promise<BucketSettings> {
  const settings = await readBucket(root, bucket);
  if (settings === null) throw new S3Error("NoSuchBucket", "The specified bucket does not exist", { BucketName: bucket });
  return settings;
}

/** Creates the bucket's directories and settings; returns false when it already existed. */
export async function createBucket(root: string, bucket: string, settings: Omit<BucketSettings, "createdAt">): Promise<boolean> {
  for (const dir of [paths.objects(root, bucket), paths.data(root, bucket), paths.uploads(root, bucket)]) {
    await mkdir(dir, { recursive: true });
  }
  return writeJsonAtomic(root, paths.bucketConfig(root, bucket), { ...settings, createdAt: new Date().toISOString() }, true);
}

/** Replaces a bucket's settings. */
export async function writeBucket(root: string, bucket: string, settings: BucketSettings): Promise<void> {
  await writeJsonAtomic(root, paths.bucketConfig(root, bucket), settings);
}

/** Deletes an empty bucket (no objects, no in-progress uploads). */
export async function deleteBucket(root: string, bucket: string): Promise<void> {
  await requireBucket(root, bucket);
  const [objects, uploads] = await Promise.all([readdir(paths.objects(root, bucket)), readdir(paths.uploads(root, bucket))]);
  if (objects.length > 0 || uploads.length > 0) {
    throw new S3Error("BucketNotEmpty", "The bucket you tried to delete is not empty", { BucketName: bucket });
  }
  await rm(paths.bucket(root, bucket), { recursive: true, force: true });
}

/** Names and creation dates of every bucket, sorted by name. */
export async function listBuckets(root: string): Promise<{ name: string; createdAt: string }[]> {
  let names: string[];
  try {
    names = await readdir(paths.buckets(root));
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
  const out: { name: string; createdAt: string }[] = [];
  for (const name of names.sort()) {
    const settings = await readBucket(root, name);
    if (settings !== null) out.push({ name, createdAt: settings.createdAt });
  }
  return out;
}

/**
 * Creates the data directory skeleton; temp files left by a crash are dropped (they were never published), and
 * listing indexes cached by an earlier start in this process are forgotten.
 */
export async function initStore(root: string): Promise<void> {
  forgetIndexes(root);
  await mkdir(paths.buckets(root), { recursive: true });
  await rm(paths.tmpDir(root), { recursive: true, force: true });
  await mkdir(paths.tmpDir(root), { recursive: true });
}
