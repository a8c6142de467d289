import { createHash, randomUUID } from "node:crypto";
import { join } from "node:path";

// Object files are named from the key, never with it: base64url cannot contain "/" or "..", and long keys are
// hashed because file names stop at 255 bytes (the real key is kept in the sidecar).
const MAX_ENCODED = 240;

/** File-system layout of the store under its data directory. */
export const paths = {
  tmpDir: (root: string): string => join(root, "tmp"),
  tmp: (root: string): string => join(root, "tmp", randomUUID()),
  buckets: (root: string): string => join(root, "buckets"),
  bucket: (root: string, bucket: string): string => join(root, "buckets", bucket),
  bucketConfig: (root: string, bucket: string): string => join(root, "buckets", bucket, "bucket.json"),
  objects: (root: string, bucket: string): string => join(root, "buckets", bucket, "objects"),
  objectMeta: (root: string, bucket: string, key: string): string =>
    join(root, "buckets", bucket, "objects", `${encodeKey(key)}.json`),
  data: (root: string, bucket: string): string => join(root, "buckets", bucket, "data"),
  uploads: (root: string, bucket: string): string => join(root, "buckets", bucket, "uploads"),
  upload: (root: string, bucket: string, uploadId: string): string => join(root, "buckets", bucket, "uploads", uploadId),
};

/** Turns a key into a path-safe file name stem. */
export function encodeKey(key: string): string {
  const b64 = Buffer.from(key).toString("base64url");
  return b64.length <= MAX_ENCODED ? `k${b64}` : `h${createHash("sha256").update(key).digest("hex")}`;
}

/** The key behind a sidecar file name, or null when it was hashed and only the sidecar knows it. */
export function decodeKeyName(fileName: string): string | null {
  if (!fileName.endsWith(".json") || !fileName.startsWith("k")) return null;
  return Buffer.from(fileName.slice(1, -".json".length), "base64url").toString();
}

/** Upload ids are generated here; anything else is rejected before it can become a path. */
export function isUploadId(value: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(value);
}

/** S3's bucket naming rules (the subset that matters locally: also keeps names path-safe). */
export function isBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes("..") && !/^\d+\.\d+\.\d+\.\d+$/.test(name);
}
