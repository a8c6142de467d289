import type { TRPCClient } from "@trpc/client";
// Pure JS on purpose: an implementation that shares nothing with the server's (hash-wasm, @hoist/checksums).
import { Crc64NvmeJs } from "@aws-sdk/checksums";
import type { AppRouter } from "@hoist/api";
import { rawRequest } from "@hoist/local-s3/testing";
import { putSigned } from "./http";

/** The CRC64NVME of `bytes` as S3 writes it (8 bytes big-endian, base64), computed independently of the server. */
export async function crc64(bytes: Uint8Array): Promise<string> {
  const hasher = new Crc64NvmeJs();
  hasher.update(bytes);
  return Buffer.from(await hasher.digest()).toString("base64");
}

/** {@link crc64} of what storage holds at the file's download URL: an independent read of the stored object. */
export async function storedCrc64(client: TRPCClient<AppRouter>, fileId: string): Promise<string> {
  const { url } = await client.files.downloadUrl.mutate({ id: fileId });
  const res = await rawRequest(url, { method: "GET" });
  if (res.status !== 200) throw new Error(`GET ${fileId}: ${res.status}`);
  return crc64(res.body);
}

/**
 * Signs every part of a crc64nvme upload with its CRC64NVME (part 1 of a `single` upload is the whole file) and
 * PUTs it; returns the signed parts, so tests can look at their headers.
 */
export async function putCrcParts(
  client: TRPCClient<AppRouter>,
  created: { uploadId: string; partSize: number; partCount: number },
  bytes: Uint8Array,
) {
  const slices = Array.from({ length: created.partCount }, (_, i) => bytes.subarray(i * created.partSize, (i + 1) * created.partSize));
  const parts = await Promise.all(slices.map(async (slice, i) => ({ partNumber: i + 1, checksum: await crc64(slice) })));
  const signed = await client.upload.signParts.mutate({ uploadId: created.uploadId, parts });
  for (const part of signed.parts) {
    const res = await putSigned(part, slices[part.partNumber - 1]!);
    if (res.status !== 200) throw new Error(`part ${part.partNumber}: ${res.status} ${res.body}`);
  }
  return signed.parts;
}
