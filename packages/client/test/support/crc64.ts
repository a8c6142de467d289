import { createReadStream } from "node:fs";
import { Crc64NvmeJs } from "@aws-sdk/checksums";

/**
 * CRC64NVME (base64, as S3 writes it) of bytes, a file or a stream, computed by the AWS SDK's own pure-JS
 * implementation: an independent check of what the engine (hash-wasm, through @hoist/checksums) computed.
 */
export async function independentCrc64(input: Uint8Array | string | NodeJS.ReadableStream): Promise<string> {
  const crc = new Crc64NvmeJs();
  if (input instanceof Uint8Array) crc.update(input);
  else for await (const chunk of typeof input === "string" ? createReadStream(input) : input) crc.update(chunk as Buffer);
  return Buffer.from(await crc.digest()).toString("base64");
}
