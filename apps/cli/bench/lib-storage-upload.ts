import { createReadStream } from "node:fs";
import type { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";

/**
 * The common alternative: `@aws-sdk/lib-storage` `Upload` with its defaults (5 MiB parts, 4 in flight) straight
 * to the store with credentials, Body a file stream. It buffers each part from the stream before sending it.
 */
export async function libStorageUpload(client: S3Client, bucket: string, key: string, path: string): Promise<void> {
  await new Upload({ client, params: { Bucket: bucket, Key: key, Body: createReadStream(path) } }).done();
}
