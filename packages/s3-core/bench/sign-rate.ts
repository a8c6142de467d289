// Signing rate of the prepared signer against the SDK's getSignedUrl, both for UploadPart URLs.
// Goal (DESIGN.md "Known traps"): prepared >= 15x getSignedUrl and >= 20,000 URLs/s.
import { S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { createPartSigner } from "../src/part-signer.js";

const PREPARED_N = 20_000;
const SDK_N = 2_000;
const WARM_UP = 500;
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

async function rate(label: string, n: number, signOne: (partNumber: number) => Promise<string>): Promise<number> {
  for (let i = 0; i < WARM_UP; i++) await signOne((i % 10_000) + 1);
  const start = process.hrtime.bigint();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += (await signOne((i % 10_000) + 1)).length;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const perSecond = n / seconds;
  console.log(`${label.padEnd(14)} ${n} URLs in ${seconds.toFixed(3)} s = ${Math.round(perSecond)} URLs/s (${bytes} B)`);
  return perSecond;
}

const preparedRate = await rate("prepared", PREPARED_N, prepared);
const sdkRate = await rate("getSignedUrl", SDK_N, sdk);
const ratio = preparedRate / sdkRate;
console.log(`ratio          ${ratio.toFixed(1)}x (goal >= 15x and >= 20000 URLs/s)`);
if (ratio < 15 || preparedRate < 20_000) process.exitCode = 1;
