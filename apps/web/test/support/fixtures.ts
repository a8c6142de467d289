import { createCipheriv, createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { Crc64NvmeJs } from "@aws-sdk/checksums";

/** A temp directory for generated files; `remove()` deletes it. */
export async function tempDir(prefix = "hoist-web-files-") {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, file: (name: string) => join(path, name), remove: () => rm(path, { recursive: true, force: true }) };
}

/**
 * Writes `size` deterministic, incompressible bytes (AES-128-CTR keystream of `seed`): the same seed gives the
 * same file, so a test can re-create it, and no two parts are alike.
 */
export async function writeDeterministicFile(path: string, size: number, seed = "hoist"): Promise<void> {
  const key = createHash("sha256").update(seed).digest().subarray(0, 16);
  const cipher = createCipheriv("aes-128-ctr", key, Buffer.alloc(16));
  const zeros = Buffer.alloc(1024 * 1024);
  const handle = await open(path, "w");
  try {
    for (let written = 0; written < size; written += zeros.length) {
      await handle.write(cipher.update(zeros.subarray(0, Math.min(zeros.length, size - written))));
    }
  } finally {
    await handle.close();
  }
}

/** A file of `size` bytes that takes no disk space (a hole): for sizes over a route's limit. */
export async function writeSparseFile(path: string, size: number): Promise<void> {
  await writeFile(path, "");
  await truncate(path, size);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid `width` x `height` RGB PNG (a colour gradient), made with zlib: what a browser decodes for a thumbnail. */
export function tinyPng(width = 16, height = 16): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit depth, truecolour, deflate, no filter method, no interlace
  const rows = Array.from({ length: height }, (_, y) =>
    Buffer.from([0, ...Array.from({ length: width }, (_, x) => [x * 16, y * 16, 128]).flat()]),
  );
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", deflateSync(Buffer.concat(rows))), chunk("IEND", Buffer.alloc(0))]);
}

/** SHA-256 (hex) of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest("hex");
}

/** CRC64NVME (S3's base64) of a file, streamed, by the AWS SDK's pure-JS code: independent of the engine's. */
export async function crc64File(path: string): Promise<string> {
  const crc = new Crc64NvmeJs();
  for await (const piece of createReadStream(path)) crc.update(piece as Buffer);
  return Buffer.from(await crc.digest()).toString("base64");
}

/** Writes `count` small distinct text files (`file-0001.txt` ...) into `dir`; returns their paths. */
export async function writeManyFiles(dir: string, count: number): Promise<string[]> {
  const paths = Array.from({ length: count }, (_, i) => join(dir, `file-${String(i + 1).padStart(4, "0")}.txt`));
  await Promise.all(paths.map((path, i) => writeFile(path, `small file ${i + 1}\n`.repeat(8))));
  return paths;
}
