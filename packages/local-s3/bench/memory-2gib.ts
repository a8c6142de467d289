/**
 * Memory and throughput of a 2 GiB multipart upload into local-s3 (run in a child process so its RSS is its own),
 * against writing the same bytes with fs. `pnpm --filter @hoist/local-s3 bench`. Data is deleted afterwards.
 */
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, HeadObjectCommand, S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { partStream } from "./part-source";
import { procMiB, sampleRss } from "./proc-memory";

const MiB = 1024 * 1024;
const TOTAL = 2048 * MiB;
const PART = 64 * MiB;
const PARALLEL = 4;
const PARTS = TOTAL / PART;

const work = await mkdtemp(join(tmpdir(), "local-s3-bench-"));
const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "server-child.ts"), join(work, "store")], {
  stdio: ["pipe", "pipe", "inherit"],
});
const endpoint = await new Promise<string>((resolve) => {
  createInterface({ input: child.stdout }).once("line", (line) => {
    resolve((JSON.parse(line) as { endpoint: string }).endpoint);
  });
});
const pid = child.pid!;
const s3 = new S3Client({
  endpoint,
  region: "us-east-1",
  credentials: { accessKeyId: "bench-access", secretAccessKey: "bench-secret-0123456789" },
  forcePathStyle: true,
  requestChecksumCalculation: "WHEN_REQUIRED",
  responseChecksumValidation: "WHEN_REQUIRED",
});

try {
  const idleMiB = procMiB(pid, "VmRSS");
  const sampler = sampleRss(pid, 100);
  const started = performance.now();
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: "bench", Key: "2gib" }));
  const etags: string[] = [];
  let next = 1;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      for (let n = next++; n <= PARTS; n = next++) etags[n - 1] = await putPart(UploadId!, n);
    }),
  );
  const Parts = etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 }));
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: "bench", Key: "2gib", UploadId, MultipartUpload: { Parts } }));
  const storeSeconds = (performance.now() - started) / 1000;
  const peakSampled = sampler.stop();
  const hwm = procMiB(pid, "VmHWM");
  const head = await s3.send(new HeadObjectCommand({ Bucket: "bench", Key: "2gib" }));
  if (head.ContentLength !== TOTAL) throw new Error(`stored ${String(head.ContentLength)} bytes, expected ${TOTAL}`);

  const fsSeconds = await fsBaseline(join(work, "baseline.bin"));
  const storeRate = TOTAL / MiB / storeSeconds;
  const fsRate = TOTAL / MiB / fsSeconds;
  console.log(`local-s3 2 GiB multipart (${PARTS} x 64 MiB parts, ${PARALLEL} parallel, then complete)`);
  console.log(`  store RSS idle ${idleMiB.toFixed(0)} MiB, peak sampled ${peakSampled.toFixed(0)} MiB, VmHWM ${hwm.toFixed(0)} MiB (goal < 150 MiB)`);
  console.log(`  upload+complete ${storeSeconds.toFixed(1)} s = ${storeRate.toFixed(0)} MiB/s`);
  console.log(`  fs write baseline ${fsSeconds.toFixed(1)} s = ${fsRate.toFixed(0)} MiB/s`);
  console.log(`  ratio store/fs ${(storeRate / fsRate).toFixed(2)}`);
} finally {
  child.stdin.end();
  await new Promise((resolve) => child.once("exit", resolve));
  await rm(work, { recursive: true, force: true });
}

async function putPart(uploadId: string, partNumber: number): Promise<string> {
  const command = new UploadPartCommand({ Bucket: "bench", Key: "2gib", UploadId: uploadId, PartNumber: partNumber });
  const url = await getSignedUrl(s3, command, { expiresIn: 900 });
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "PUT", headers: { "content-length": String(PART) } }, (res) => {
      res.resume();
      res.on("end", () => {
        const etag = res.headers.etag;
        if (res.statusCode === 200 && etag !== undefined) resolve(etag);
        else reject(new Error(`part ${partNumber}: HTTP ${String(res.statusCode)}`));
      });
    });
    req.on("error", reject);
    pipeline(partStream(PART, partNumber), req).catch(reject);
  });
}

async function fsBaseline(file: string): Promise<number> {
  const started = performance.now();
  for (let n = 1; n <= PARTS; n++) {
    await pipeline(partStream(PART, n), createWriteStream(file, { flags: n === 1 ? "w" : "a" }));
  }
  return (performance.now() - started) / 1000;
}
