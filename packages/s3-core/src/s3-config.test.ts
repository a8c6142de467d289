import { describe, expect, it } from "vitest";
import { createS3Client, S3_MAX_ATTEMPTS } from "./create-s3-client.js";
import { getProviderProfile, S3_PROVIDERS } from "./provider-profile.js";
import { resolveS3Config } from "./s3-config.js";

describe("resolveS3Config", () => {
  it("defaults AWS to its regional endpoint and virtual-hosted URLs", () => {
    const resolved = resolveS3Config({ region: "eu-central-1", bucket: "b", provider: "aws" });
    expect(resolved).toMatchObject({ endpoint: "https://s3.eu-central-1.amazonaws.com", forcePathStyle: false });
    expect(resolved.credentials).toBeUndefined();
  });

  it("takes path style from the provider unless the config says otherwise", () => {
    const base = { endpoint: "http://127.0.0.1:7480/", region: "us-east-1", bucket: "b", provider: "ceph" as const };
    expect(resolveS3Config(base)).toMatchObject({ endpoint: "http://127.0.0.1:7480", forcePathStyle: true });
    expect(resolveS3Config({ ...base, forcePathStyle: false }).forcePathStyle).toBe(false);
  });

  it("refuses a non-AWS provider without an endpoint, and half a key pair", () => {
    expect(() => resolveS3Config({ region: "auto", bucket: "b", provider: "r2" })).toThrow(/"r2" needs an endpoint/);
    expect(() => resolveS3Config({ region: "us-east-1", bucket: "b", provider: "aws", accessKeyId: "AK" })).toThrow(
      /both an access key id and a secret/,
    );
  });
});

describe("provider profiles", () => {
  it("has a profile for every provider", () => {
    for (const provider of S3_PROVIDERS) expect(getProviderProfile(provider)).toBeDefined();
  });

  it("records the gaps measured on Ceph RGW and the providers that cannot verify checksums", () => {
    expect(getProviderProfile("ceph")).toEqual({
      flexibleChecksums: false,
      crc64nvme: false,
      ifNoneMatchOnComplete: false,
      ifNoneMatchOnPut: true,
      completeReturnsEtag: false,
      abortedUploadError: "NoSuchKey",
      forcePathStyle: true,
      minPartSize: 5 * 1024 * 1024,
    });
    expect(getProviderProfile("r2").forcePathStyle).toBe(true);
    expect(getProviderProfile("gcs").flexibleChecksums).toBe(false);
    expect(getProviderProfile("b2").flexibleChecksums).toBe(false);
    const crc64nvme = S3_PROVIDERS.filter((provider) => getProviderProfile(provider).crc64nvme);
    expect(crc64nvme).toEqual(["aws", "minio", "local"]);
  });
});

describe("createS3Client", () => {
  it("computes and validates checksums only when an operation requires them", async () => {
    const client = createS3Client({ endpoint: "http://127.0.0.1:1", region: "us-east-1", bucket: "b", provider: "local" });
    expect(await client.config.requestChecksumCalculation()).toBe("WHEN_REQUIRED");
    expect(await client.config.responseChecksumValidation()).toBe("WHEN_REQUIRED");
    expect(client.config.forcePathStyle).toBe(true);
    client.destroy();
  });

  it("retries each call in the SDK's standard mode, S3_MAX_ATTEMPTS tries in all (the API's throttling answers count on it)", async () => {
    const client = createS3Client({ endpoint: "http://127.0.0.1:1", region: "us-east-1", bucket: "b", provider: "local" });
    expect(await client.config.maxAttempts()).toBe(S3_MAX_ATTEMPTS);
    expect(client.config.retryMode).toBe("standard");
    client.destroy();
  });
});
