import { GetObjectCommand, PutObjectCommand, S3Client, UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { describe, expect, it } from "vitest";
import { BROWSER_SIGNED_HEADERS, createPartSigner } from "./part-signer.js";

const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const now = new Date("2025-03-04T05:06:07.890Z");
const signingDate = new Date("2025-03-04T05:06:07.000Z");
const expiresIn = 900;
const KEYS = ["plain/key.bin", "ünï/cødé 文件.png", "a b/c+d=e&f?g#h.txt", "x/(1)!*'~.tar.gz"];

interface Target {
  name: string;
  /** Temporary credentials: the URL carries (and signs) X-Amz-Security-Token. */
  sessionToken?: string;
  endpoint?: string;
  bucket: string;
  forcePathStyle: boolean;
}

const TARGETS: Target[] = [
  { name: "path style, custom port", endpoint: "http://127.0.0.1:9000", bucket: "hoist", forcePathStyle: true },
  { name: "virtual host, AWS", bucket: "hoist-uploads", forcePathStyle: false },
  {
    name: "virtual host, AWS, session token",
    bucket: "hoist-uploads",
    forcePathStyle: false,
    sessionToken: "IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD+token/with=chars%&",
  },
];

function pair(target: Target) {
  const endpoint = target.endpoint ?? "https://s3.eu-west-1.amazonaws.com";
  const keys = target.sessionToken === undefined ? credentials : { ...credentials, sessionToken: target.sessionToken };
  const client = new S3Client({
    region: "eu-west-1",
    credentials: keys,
    forcePathStyle: target.forcePathStyle,
    ...(target.endpoint === undefined ? {} : { endpoint: target.endpoint }),
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  const signer = createPartSigner({ ...target, endpoint, credentials: keys, region: "eu-west-1" });
  return { client, signer };
}

function sdkOptions(signable: string[]) {
  return {
    signingDate,
    expiresIn,
    signableHeaders: new Set(signable),
    unhoistableHeaders: new Set(["x-amz-checksum-sha256", "x-amz-checksum-crc64nvme"]),
  };
}

describe.each(TARGETS)("prepared signer equals getSignedUrl ($name)", (target) => {
  const { client, signer } = pair(target);
  const { bucket } = target;

  const checksums = [{}, { checksumSha256: "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=" }, { checksumCrc64nvme: "rosUhgp5mIg=" }];

  it.each(KEYS)("UploadPart %s, without checksum, with a SHA-256 and with a CRC64NVME", async (key) => {
    for (const { checksumSha256, checksumCrc64nvme } of checksums as { checksumSha256?: string; checksumCrc64nvme?: string }[]) {
      const input = { key, uploadId: "2~aB+/c=d", partNumber: 42, contentLength: 5_242_880, checksumSha256, checksumCrc64nvme };
      const ours = await signer.signUploadPart({ ...input, expiresIn, now });
      const command = new UploadPartCommand({
        Bucket: bucket,
        Key: key,
        UploadId: input.uploadId,
        PartNumber: 42,
        ContentLength: 5_242_880,
        ChecksumSHA256: checksumSha256,
        ChecksumCRC64NVME: checksumCrc64nvme,
      });
      expect(ours.url).toBe(await getSignedUrl(client, command, sdkOptions(["content-length"])));
    }
  });

  it.each(KEYS)("PutObject %s, with and without content type (and a CRC64NVME with it)", async (key) => {
    for (const contentType of [undefined, "image/png"]) {
      const checksumCrc64nvme = contentType && "rosUhgp5mIg=";
      const ours = await signer.signPutObject({ key, contentLength: 12, contentType, checksumCrc64nvme, expiresIn, now });
      const command = new PutObjectCommand({ Bucket: bucket, Key: key, ContentLength: 12, ContentType: contentType, ChecksumCRC64NVME: checksumCrc64nvme });
      const signable = contentType === undefined ? ["content-length"] : ["content-length", "content-type"];
      expect(ours.url).toBe(await getSignedUrl(client, command, sdkOptions(signable)));
    }
  });

  it.each(KEYS)("GetObject %s with response overrides", async (key) => {
    const disposition = `attachment; filename="r\u00e9sum\u00e9.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf`;
    const ours = await signer.signGetObject({
      key,
      expiresIn,
      now,
      responseContentDisposition: disposition,
      responseContentType: "application/pdf",
    });
    const command = new GetObjectCommand({
      Bucket: bucket,
      Key: key,
      ResponseContentDisposition: disposition,
      ResponseContentType: "application/pdf",
    });
    expect(ours.url).toBe(await getSignedUrl(client, command, sdkOptions(["content-length"])));
  });
});

describe("prepared signer across days and unusual headers", () => {
  const { client, signer } = pair(TARGETS[0]!);

  it("derives a new signing key when the day changes, and goes back", async () => {
    const days = ["2025-03-04T23:59:59Z", "2025-03-05T00:00:00Z", "2025-03-04T12:00:00Z"].map((d) => new Date(d));
    for (const day of days) {
      const ours = await signer.signPutObject({ key: "k", contentLength: 1, expiresIn, now: day });
      const command = new PutObjectCommand({ Bucket: "hoist", Key: "k", ContentLength: 1 });
      const sdk = await getSignedUrl(client, command, { ...sdkOptions(["content-length"]), signingDate: day });
      expect(ours.url).toBe(sdk);
    }
  });

  it("signs If-None-Match: * on PutObject when asked, as getSignedUrl does", async () => {
    const ours = await signer.signPutObject({ key: "k", contentLength: 3, contentType: "text/plain", ifNoneMatch: true, expiresIn, now });
    const command = new PutObjectCommand({ Bucket: "hoist", Key: "k", ContentLength: 3, ContentType: "text/plain", IfNoneMatch: "*" });
    expect(ours.url).toBe(await getSignedUrl(client, command, sdkOptions(["content-length", "content-type", "if-none-match"])));
    expect(ours.headers["if-none-match"]).toBe("*");
  });

  it("canonicalises a content type with parameters and odd spacing as the SDK does", async () => {
    const contentType = "text/plain;  charset=UTF-8 ";
    const ours = await signer.signPutObject({ key: "k", contentLength: 1, contentType, expiresIn, now });
    const command = new PutObjectCommand({ Bucket: "hoist", Key: "k", ContentLength: 1, ContentType: contentType });
    expect(ours.url).toBe(await getSignedUrl(client, command, sdkOptions(["content-length", "content-type"])));
  });

  it("signs a GET without response overrides", async () => {
    const ours = await signer.signGetObject({ key: "a/b.txt", expiresIn: 3600, now });
    const command = new GetObjectCommand({ Bucket: "hoist", Key: "a/b.txt" });
    const sdk = await getSignedUrl(client, command, { ...sdkOptions(["content-length"]), expiresIn: 3600 });
    expect(ours.url).toBe(sdk);
  });
});

describe("prepared signer with a credential provider (the default chain)", () => {
  const endpoint = "http://127.0.0.1:9000";
  const sdkUrl = (keys: typeof credentials & { sessionToken?: string }) => {
    const checksums = { requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" } as const;
    const client = new S3Client({ region: "eu-west-1", credentials: keys, endpoint, forcePathStyle: true, ...checksums });
    return getSignedUrl(client, new PutObjectCommand({ Bucket: "hoist", Key: "k", ContentLength: 1 }), sdkOptions(["content-length"]));
  };

  it("asks the provider for every URL, so keys it refreshed (a new session token) sign from the next URL on", async () => {
    const first = { ...credentials, sessionToken: "token-one" };
    const refreshed = { accessKeyId: "ASIAREFRESHED", secretAccessKey: "another-secret-key", sessionToken: "token-two" };
    let current = first;
    const signer = createPartSigner({ credentials: () => Promise.resolve(current), region: "eu-west-1", endpoint, bucket: "hoist", forcePathStyle: true });
    const sign = () => signer.signPutObject({ key: "k", contentLength: 1, expiresIn, now });
    expect((await sign()).url).toBe(await sdkUrl(first));
    current = refreshed;
    const url = (await sign()).url;
    expect(url).toBe(await sdkUrl(refreshed));
    expect(new URL(url).searchParams.get("X-Amz-Security-Token")).toBe("token-two");
  });
});

describe("signed request shape", () => {
  const { signer } = pair(TARGETS[0]!);

  it("returns the headers the client must send and an expiry from the whole-second signing time", async () => {
    const signed = await signer.signUploadPart({
      key: "k",
      uploadId: "u",
      partNumber: 1,
      contentLength: 3,
      checksumSha256: "abc=",
      expiresIn: 60,
      now,
    });
    expect(signed.method).toBe("PUT");
    expect(signed.headers).toEqual({ "content-length": "3", "x-amz-checksum-sha256": "abc=" });
    expect(signed.url).toContain("X-Amz-SignedHeaders=content-length%3Bhost%3Bx-amz-checksum-sha256");
    expect(signed.expiresAt.toISOString()).toBe("2025-03-04T05:07:07.000Z");
  });

  it("signs content-type on PutObject only when given, and GET sends no headers", async () => {
    const put = await signer.signPutObject({ key: "k", contentLength: 0, contentType: "text/plain", expiresIn, now });
    expect(put.headers).toEqual({ "content-length": "0", "content-type": "text/plain" });
    expect(put.url).toContain("X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost");
    const get = await signer.signGetObject({ key: "k", expiresIn, now });
    expect(get).toMatchObject({ method: "GET", headers: {} });
  });

  it("BROWSER_SIGNED_HEADERS names every signed header but content-length (which browsers set themselves)", async () => {
    const checksums = { checksumSha256: "abc=", checksumCrc64nvme: "AAAAAAAAAAA=" };
    const put = await signer.signPutObject({ key: "k", contentLength: 1, contentType: "a/b", ...checksums, ifNoneMatch: true, expiresIn, now });
    expect(Object.keys(put.headers).filter((name) => name !== "content-length").sort()).toEqual([...BROWSER_SIGNED_HEADERS].sort());
  });

  it("refuses part numbers, lengths and expiries S3 would refuse", async () => {
    const base = { key: "k", uploadId: "u", contentLength: 1, expiresIn };
    await expect(signer.signUploadPart({ ...base, partNumber: 0 })).rejects.toThrow(/partNumber/);
    await expect(signer.signUploadPart({ ...base, partNumber: 10_001 })).rejects.toThrow(/partNumber/);
    await expect(signer.signUploadPart({ ...base, partNumber: 1, contentLength: -1 })).rejects.toThrow(/contentLength/);
    await expect(signer.signGetObject({ key: "k", expiresIn: 604_801 })).rejects.toThrow(/expiresIn/);
  });
});
