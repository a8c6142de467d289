import { createS3Client } from "./create-s3-client.js";
import { createPartSigner } from "./part-signer.js";
import { resolveS3Config } from "./s3-config.js";
import type { S3Config } from "./s3-config.js";
import { createStorage } from "./storage.js";
import type { Storage } from "./storage.js";

/**
 * A {@link Storage} for one configured bucket: the client, the prepared signer and the provider profile, from the
 * same config, so the server and test kits build it alike. Without keys in the config, client and signer share the
 * SDK's default credential chain (env incl. `AWS_SESSION_TOKEN`, shared config and credentials files, container
 * and instance roles), memoized by the client and refreshed by it before temporary credentials expire.
 */
export function storageFromConfig(config: S3Config): Storage {
  const resolved = resolveS3Config(config);
  const client = createS3Client(config);
  const signer = createPartSigner({
    credentials: resolved.credentials ?? client.config.credentials,
    region: resolved.region,
    endpoint: resolved.endpoint,
    bucket: resolved.bucket,
    forcePathStyle: resolved.forcePathStyle,
  });
  return createStorage({ client, signer, bucket: resolved.bucket, profile: resolved.profile });
}
