import { createHash, type Hash } from "node:crypto";
import { crc32 } from "node:zlib";
import type { IncomingHttpHeaders } from "node:http";
import { createCrc64Nvme, crc64ToBase64, type Crc64Nvme } from "@hoist/checksums";
import { checkSdkAlgorithm, crc32Bytes, header, isBase64Of } from "./checksum-headers";
import { S3Error } from "./errors";
import type { StoredChecksums } from "./storage/objects";

/** Integrity claims a client may attach to a body; each is verified only when sent. */
export interface BodyExpectations {
  /** Hex SHA-256 from a signed x-amz-content-sha256. */
  contentSha256: string | null;
  /** Base64 MD5 from Content-MD5. */
  contentMd5: string | null;
  /** Base64 SHA-256 from x-amz-checksum-sha256. */
  checksumSha256: string | null;
  /** Base64 big-endian CRC32 from x-amz-checksum-crc32. */
  checksumCrc32: string | null;
  /** Base64 big-endian CRC64NVME from x-amz-checksum-crc64nvme. */
  checksumCrc64: string | null;
}

/** Digests of a received body, computed as it streams past. */
export interface BodyDigests {
  size: number;
  md5Hex: string;
  /** Checksums the client sent (verified), to store and echo back. */
  checksums: StoredChecksums;
}

/** Reads and syntax-checks the digest headers before any byte of the body is read. */
export function readExpectations(headers: IncomingHttpHeaders, contentSha256: string | null): BodyExpectations {
  const md5 = header(headers, "content-md5");
  if (md5 !== null && !isBase64Of(md5, 16)) {
    throw new S3Error("InvalidDigest", "The Content-MD5 you specified was invalid.");
  }
  const sha = header(headers, "x-amz-checksum-sha256");
  if (sha !== null && !isBase64Of(sha, 32)) {
    throw new S3Error("InvalidRequest", "Value for x-amz-checksum-sha256 header is invalid.");
  }
  const crc = header(headers, "x-amz-checksum-crc32");
  if (crc !== null && !isBase64Of(crc, 4)) {
    throw new S3Error("InvalidRequest", "Value for x-amz-checksum-crc32 header is invalid.");
  }
  const crc64 = header(headers, "x-amz-checksum-crc64nvme");
  if (crc64 !== null && !isBase64Of(crc64, 8)) {
    throw new S3Error("InvalidRequest", "Value for x-amz-checksum-crc64nvme header is invalid.");
  }
  checkSdkAlgorithm(headers);
  return { contentSha256, contentMd5: md5, checksumSha256: sha, checksumCrc32: crc, checksumCrc64: crc64 };
}

/** A hasher for one body; async because the CRC64NVME hasher is a WASM instance, made only when claimed. */
export async function createBodyHasher(expect: BodyExpectations): Promise<BodyHasher> {
  return new BodyHasher(expect, expect.checksumCrc64 === null ? null : await createCrc64Nvme());
}

/** Incremental hashing of one body: feed chunks with `update`, then `verify` once the body is complete. */
export class BodyHasher {
  private readonly md5: Hash = createHash("md5");
  private readonly sha256: Hash | null;
  private crc = 0;
  size = 0;

  constructor(
    private readonly expect: BodyExpectations,
    private readonly crc64: Crc64Nvme | null,
  ) {
    this.sha256 = expect.contentSha256 !== null || expect.checksumSha256 !== null ? createHash("sha256") : null;
  }

  /** Adds one chunk to every running digest. */
  update(chunk: Buffer): void {
    this.size += chunk.length;
    this.md5.update(chunk);
    this.sha256?.update(chunk);
    if (this.expect.checksumCrc32 !== null) this.crc = crc32(chunk, this.crc);
    this.crc64?.update(chunk);
  }

  /** Compares every claimed digest with what arrived; the first mismatch is thrown as S3 reports it. */
  verify(): BodyDigests {
    const md5 = this.md5.digest();
    const sha = this.sha256?.digest();
    const { contentSha256, contentMd5 } = this.expect;
    if (contentSha256 !== null && sha?.toString("hex") !== contentSha256) {
      throw new S3Error("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", {
        ClientComputedContentSHA256: contentSha256,
        S3ComputedContentSHA256: sha?.toString("hex") ?? "",
      });
    }
    if (contentMd5 !== null && md5.toString("base64") !== contentMd5) {
      throw new S3Error("BadDigest", "The Content-MD5 you specified did not match what we received.", {
        ExpectedDigest: contentMd5,
        CalculatedDigest: md5.toString("base64"),
      });
    }
    return { size: this.size, md5Hex: md5.toString("hex"), checksums: this.checksums(sha) };
  }

  /** The additional checksums claimed, each compared with the computed one. */
  private checksums(sha: Buffer | undefined): StoredChecksums {
    const { checksumSha256, checksumCrc32, checksumCrc64 } = this.expect;
    const checksums: StoredChecksums = {};
    if (checksumSha256 !== null) {
      checksums.sha256 = sha?.toString("base64") ?? "";
      if (checksums.sha256 !== checksumSha256) throw badChecksum("SHA256");
    }
    if (checksumCrc32 !== null) {
      checksums.crc32 = crc32Bytes(this.crc).toString("base64");
      if (checksums.crc32 !== checksumCrc32) throw badChecksum("CRC32");
    }
    if (this.crc64 !== null) {
      checksums.crc64nvme = crc64ToBase64(this.crc64.digest());
      if (checksums.crc64nvme !== checksumCrc64) throw badChecksum("CRC64NVME");
    }
    return checksums;
  }
}

/** S3's answer to a body whose additional checksum is not the one claimed. */
export function badChecksum(algorithm: string): S3Error {
  return new S3Error("BadDigest", `The ${algorithm} you specified did not match the calculated checksum.`);
}

