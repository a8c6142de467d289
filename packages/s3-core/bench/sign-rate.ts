// Signing rate of the prepared signer against the SDK's getSignedUrl, both for UploadPart URLs.
// Goal (DESIGN.md "Known traps"): prepared >= 15x getSignedUrl and >= 20,000 URLs/s.
import { S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createPartSigner } from "../src/part-signer.js";

const PREPARED_N = 20_000;
const SDK_N = 2_000;
const WARM_UP = 300;
const config = {
  endpoint: "http://127.0.0.1:9000",
  region: "us-east-1",
  bucket: "hoist",
  forcePathStyle: true,
  credentials: { accessKeyId: "bench-access-key", secretAccessKey: "bench-secret-key" },
};
const key = "default/user-1/2025/01/01HZXK4Q9Z.bin";
const uploadId = "2~Zx8bYtq0n3pQ";

const signer = createPartSigner(config);
const client = new S3Client({
  ...config,
  requestChecksumCalculation: "WHEN_REQUIRED",
  responseChecksumValidation: "WHEN_REQUIRED",
});
const sdkOptions = { expiresIn: 900, signableHeaders: new Set(["content-length"]) };

async function prepared(partNumber: number): Promise<string> {
  const signed = await signer.signUploadPart({ key, uploadId, partNumber, contentLength: 8_388_608, expiresIn: 900 });
  return signed.url;
}

function sdk(partNumber: number): Promise<string> {
  const command = new UploadPartCommand({
    Bucket: config.bucket,
    Key: key,
    UploadId: uploadId,
    PartNumber: partNumber,
    ContentLength: 8_388_608,
  });
  return getSignedUrl(client, command, sdkOptions);
}

// The machine is shared (CI, other test runs), and noise only ever slows a round down: rounds alternate between
// the two signers so both see the same load, and the fastest round of each is the estimate of its cost.
const ROUNDS = 3;

async function round(n: number, signOne: (partNumber: number) => Promise<string>): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await signOne((i % 10_000) + 1);
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

for (let i = 0; i < WARM_UP; i++) {
  await prepared((i % 10_000) + 1);
  await sdk((i % 10_000) + 1);
}
const rates = { prepared: [] as number[], getSignedUrl: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  rates.prepared.push(await round(PREPARED_N, prepared));
  rates.getSignedUrl.push(await round(SDK_N, sdk));
}
const show = (label: string, n: number, all: number[]) => {
  const rounds = all.map((rate) => Math.round(rate)).join(", ");
  console.log(`${label.padEnd(13)} N=${n}: best ${Math.round(Math.max(...all))} URLs/s (rounds: ${rounds})`);
};
show("prepared", PREPARED_N, rates.prepared);
show("getSignedUrl", SDK_N, rates.getSignedUrl);
const best = Math.max(...rates.prepared);
const ratio = best / Math.max(...rates.getSignedUrl);
console.log(`ratio         ${ratio.toFixed(1)}x (goal: >= 15x and >= 20000 URLs/s)`);
if (ratio < 15 || best < 20_000) process.exitCode = 1;
