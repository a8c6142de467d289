import { PutBucketCorsCommand } from "@aws-sdk/client-s3";
import type { Stack } from "./matrix";

/**
 * Puts the bucket CORS rule a Hoist deployment needs for browsers on the stack's bucket: PUT/GET/HEAD from any
 * origin, `ETag` exposed so the engine can read part ETags. Test stores start without CORS (local-s3 is given no
 * rules, a fresh RGW bucket has none); the zero-config server sets the same rule on its embedded store itself.
 */
export async function allowBrowserUploads(stack: Stack): Promise<void> {
  const { client, bucket } = stack.api.server.deps.storage;
  const rule = { AllowedOrigins: ["*"], AllowedMethods: ["PUT", "GET", "HEAD"], AllowedHeaders: ["*"], ExposeHeaders: ["ETag"], MaxAgeSeconds: 3600 };
  await client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: [rule] } }));
}
