import type { FileSpec } from "./page-types";

const CHUNK = 1024 * 1024;

/** `size` bytes of xorshift32 from `seed`, as Blob chunks of 1 MiB (never one huge array). */
function seededChunks(size: number, seed: number): Blob[] {
  const chunks: Blob[] = [];
  let state = seed >>> 0 || 1;
  for (let made = 0; made < size; made += CHUNK) {
    const bytes = new Uint8Array(Math.min(CHUNK, size - made));
    const words = new Uint32Array(bytes.buffer, 0, bytes.length >>> 2);
    for (let i = 0; i < words.length; i++) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      words[i] = state >>> 0;
    }
    for (let i = words.length * 4; i < bytes.length; i++) bytes[i] = (state >>> (8 * (i % 4))) & 0xff;
    chunks.push(new Blob([bytes]));
  }
  return chunks;
}

/** The File a spec stands for: same bytes, name, type and lastModified every time (across reloads too). */
export function makeFile(spec: FileSpec): File {
  return new File(seededChunks(spec.size, spec.seed), spec.name, {
    type: spec.type ?? "application/octet-stream",
    lastModified: spec.lastModified ?? 1_700_000_000_000,
  });
}

/** SHA-256 (hex) of a Blob, through WebCrypto (test files are a few MiB, so one read is fine here). */
export async function blobSha256(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, "0")).join("");
}
