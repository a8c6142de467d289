import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";

export interface S3ClientInit {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** The SDK client tests use: path-style, no implicit checksums (aws-chunked bodies get 501), no retries. */
export function makeS3Client(init: S3ClientInit, overrides: Partial<S3ClientInit> & Pick<S3ClientConfig, "signer"> = {}): S3Client {
  const cfg = { ...init, ...overrides };
  return new S3Client({
    ...(overrides.signer ? { signer: overrides.signer } : {}),
    endpoint: cfg.endpoint,
    region: cfg.region,
    credentials: cfg.credentials,
    forcePathStyle: true,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 1,
  });
}
