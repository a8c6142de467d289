import { createS3Client } from "./create-s3-client.js";
import { createPartSigner } from "./part-signer.js";
import { resolveS3Config } from "./s3-config.js";
import type { S3Config } from "./s3-config.js";
import { createStorage } from "./storage.js";
import type { Storage } from "./storage.js";

/**
 * A {@link Storage} for one configured bucket: the client, the prepared signer and the provider profile, from the
 * same config, so the server and test kits build it alike.
 * @throws Error when the config has no static keys: the prepared signer needs them up front
 */
export function storageFromConfig(config: S3Config): Storage {
  const resolved = resolveS3Config(config);
  if (resolved.credentials === undefined) {
    // The default chain's session tokens are not supported yet.
    throw new Error("S3 access keys are required to sign upload URLs");
  }
  const signer = createPartSigner({
    credentials: resolved.credentials,
    region: resolved.region,
    endpoint: resolved.endpoint,
    bucket: resolved.bucket,
    forcePathStyle: resolved.forcePathStyle,
  });
  return createStorage({ client: createS3Client(config), signer, bucket: resolved.bucket, profile: resolved.profile });
}
