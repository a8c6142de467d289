import { GetObjectCommand } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import type { ObjectRef } from "./objects.js";

/**
 * The whole object as a stream of chunks, from one GetObject: for reading an object once end to end (the server's
 * own checksum of what storage holds) without holding it in memory. No `ChecksumMode`: the point is to compute
 * the value here, not to have the SDK compare it.
 *
 * @throws the SDK's error when the object is missing
 */
export async function* streamObject(client: S3Client, ref: ObjectRef): AsyncGenerator<Uint8Array, void> {
  const result = await client.send(new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key }));
  const body = result.Body;
  if (body === undefined) return;
  // In Node the SDK's body is an IncomingMessage: async-iterable Buffers.
  for await (const chunk of body as AsyncIterable<Uint8Array>) yield chunk;
}
