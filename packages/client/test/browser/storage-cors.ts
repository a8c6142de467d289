import { createRequire } from "node:module";
import type { Stack } from "@hoist/server/testing";

type S3 = Stack["api"]["server"]["deps"]["storage"]["client"];

interface CorsRule {
  AllowedOrigins: string[];
  AllowedMethods: string[];
  AllowedHeaders: string[];
  ExposeHeaders: string[];
  MaxAgeSeconds: number;
}

/** The one command this file needs from the SDK, typed by hand (see {@link allowBrowserUploads} for why). */
interface CorsSdk {
  PutBucketCorsCommand: new (input: { Bucket: string; CORSConfiguration: { CORSRules: CorsRule[] } }) => Parameters<S3["send"]>[0];
}

/**
 * Puts the bucket CORS rule a Hoist deployment needs for browsers (PUT from any origin, ETag exposed so the
 * engine can read part ETags) on the stack's bucket. The test stack's store starts without CORS: local-s3 is told
 * no rules and a fresh RGW bucket has none. `@aws-sdk/client-s3` is the server's dependency, not this package's,
 * so the server's own copy is loaded (no second SDK, no dependency edit); the S3 client is the server's.
 */
export async function allowBrowserUploads(stack: Stack): Promise<void> {
  const fromServer = createRequire(createRequire(import.meta.url).resolve("@hoist/server/testing"));
  const { PutBucketCorsCommand } = fromServer("@aws-sdk/client-s3") as CorsSdk;
  const { client, bucket } = stack.api.server.deps.storage;
  const rule = { AllowedOrigins: ["*"], AllowedMethods: ["PUT", "GET", "HEAD"], AllowedHeaders: ["*"], ExposeHeaders: ["ETag"], MaxAgeSeconds: 3600 };
  await client.send(new PutBucketCorsCommand({ Bucket: bucket, CORSConfiguration: { CORSRules: [rule] } }));
}
