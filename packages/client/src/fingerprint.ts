import type { UploadSource } from "./types";

/** Bytes of the file's start that go into the fingerprint: enough to notice a replaced file, cheap to read. */
export const FINGERPRINT_HEAD_BYTES = 64 * 1024;

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** SHA-256 (hex) with WebCrypto, which browsers and Node 20 both have. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", new Uint8Array(bytes)));
}

/**
 * Identifies a source across runs: name, size, lastModified and the SHA-256 of its first 64 KiB, hashed into
 * one hex id (safe as a file name and an IndexedDB key). Undefined for sources that cannot be re-read
 * (streams): those cannot resume in another process anyway.
 */
export async function fingerprintOf(source: UploadSource): Promise<string | undefined> {
  if (!source.seekable || source.head === undefined) return undefined;
  const head = await source.head(FINGERPRINT_HEAD_BYTES);
  const id = [source.name, source.size, source.lastModified ?? "", await sha256Hex(head)].join("\n");
  return sha256Hex(new TextEncoder().encode(id));
}
