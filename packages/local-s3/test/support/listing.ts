import { PutObjectCommand } from "@aws-sdk/client-s3";
import type { Target } from "./target.js";

/** 25 keys: 20 flat ones and 5 under two "folders", so both paging and delimiters have something to do. */
export const LISTING_NAMES = [
  ...Array.from({ length: 20 }, (_, i) => `flat-${String(i).padStart(2, "0")}`),
  "dir-a/one", "dir-a/two", "dir-a/three", "dir-b/one", "dir-b/nested/two",
];

/** Puts every {@link LISTING_NAMES} key under `base` (its own name as the body). */
export async function seedListing(t: Target, base: string): Promise<void> {
  await Promise.all(LISTING_NAMES.map((n) => t.s3.send(new PutObjectCommand({ Bucket: t.bucket, Key: base + n, Body: n }))));
}
