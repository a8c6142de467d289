/**
 * `pnpm --filter @hoist/checksums bench`: CRC64NVME throughput of each candidate on one core (this thread), on
 * 256 MiB fed in 8 MiB chunks, best of 3; node:zlib's CRC32 (hardware) and node:crypto's MD5 are yardsticks.
 * The pick (hash-wasm) is the fastest that also runs in browsers and workers; see README.
 */
import { createHash, randomFillSync } from "node:crypto";
import { crc32 } from "node:zlib";
// Crc64NvmeJs, not Crc64Nvme: the latter silently switches to the CRT once @aws-sdk/crc64-nvme-crt is loaded.
import { Crc64NvmeJs as SdkJsCrc64 } from "@aws-sdk/checksums";
import { CrtCrc64Nvme } from "@aws-sdk/crc64-nvme-crt";
import { createCrc64Nvme } from "../src/index";

const CHUNK = 8 * 1024 * 1024;
const data = randomFillSync(Buffer.alloc(256 * 1024 * 1024));

type Feed = (chunk: Buffer) => void;
interface Meter {
  feed: Feed;
  end: () => unknown;
}

async function rate(name: string, make: () => Meter | Promise<Meter>): Promise<void> {
  let best = 0;
  for (let round = 0; round < 3; round += 1) {
    const { feed, end } = await make();
    const started = performance.now();
    for (let at = 0; at < data.length; at += CHUNK) feed(data.subarray(at, at + CHUNK));
    await end();
    best = Math.max(best, data.length / 1e6 / ((performance.now() - started) / 1000));
  }
  console.log(`${name.padEnd(44)} ${best.toFixed(0).padStart(6)} MB/s per core`);
}

await rate("hash-wasm CRC64NVME (WASM, picked)", async () => {
  const h = await createCrc64Nvme();
  return { feed: (c) => { h.update(c); }, end: () => h.digest() };
});
await rate("@aws-sdk/checksums Crc64NvmeJs (pure JS)", () => {
  const h = new SdkJsCrc64();
  return { feed: (c) => { h.update(c); }, end: () => h.digest() };
});
await rate("@aws-sdk/crc64-nvme-crt (native, Node only)", () => {
  const h = new CrtCrc64Nvme();
  return { feed: (c) => { h.update(c); }, end: () => h.digest() };
});
await rate("yardstick: node:zlib crc32 (hardware)", () => {
  let crc = 0;
  return { feed: (c) => { crc = crc32(c, crc); }, end: () => crc };
});
await rate("yardstick: node:crypto md5 (local-s3's ETag)", () => {
  const h = createHash("md5");
  return { feed: (c) => { h.update(c); }, end: () => h.digest() };
});
