import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChecksumMode } from "@hoist/contract";
import { expectHoistError } from "../support/bad-input-expect";
import { freshUser, leftovers, sessionRow } from "../support/bad-input-leftovers";
import { crc64 } from "../support/crc64";
import { partFloor } from "../support/harness";
import { startStack } from "../support/matrix";
import type { Stack } from "../support/matrix";
import { s3Profile } from "../support/s3-target";
import { sha256 } from "../support/upload";

const sha = Buffer.from(sha256(Buffer.from("part")), "hex").toString("base64");

// A checksum of the wrong algorithm, a missing one or one the session does not take: refused before anything is
// signed or completed, so the session and storage stay exactly as they were.
describe("bad input: checksums that are not the session's", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("pglite");
  });
  afterAll(() => stack.close());

  const session = async (checksum: ChecksumMode) => {
    const user = freshUser("checksum");
    const client = await stack.api.client(user);
    const size = partFloor(stack.s3) + 100;
    const created = await client.upload.create.mutate({ name: "p.bin", size, type: "application/octet-stream", checksum });
    const unchanged = async () => {
      expect((await sessionRow(stack, created.uploadId)).status).toBe("uploading");
      expect(await leftovers(stack, user)).toEqual({ sessions: 1, files: 0, multipartUploads: 1, objects: 0 });
    };
    return { client, created, unchanged };
  };

  const signRefusal = async (checksum: ChecksumMode, parts: { partNumber: number; checksum?: string }[], words: string[]) => {
    const { client, created, unchanged } = await session(checksum);
    const failure = await expectHoistError(client.upload.signParts.mutate({ uploadId: created.uploadId, parts }), "BAD_REQUEST", "INVALID_INPUT");
    for (const word of words) expect(failure.message).toContain(word);
    await unchanged();
  };

  it('a "crc64nvme" upload signed with a SHA-256: INVALID_INPUT naming the part and the algorithm', async () => {
    await signRefusal("crc64nvme", [{ partNumber: 1, checksum: await crc64(Buffer.from("one")) }, { partNumber: 2, checksum: sha }], ["part 2", "CRC64NVME"]);
  });

  it('a "crc64nvme" upload signed without a part\'s checksum: INVALID_INPUT naming the part', async () => {
    await signRefusal("crc64nvme", [{ partNumber: 1 }], ["part 1", '"crc64nvme"']);
  });

  it.skipIf(!s3Profile.flexibleChecksums)('a "sha256" upload signed with a CRC64NVME: INVALID_INPUT naming the part and SHA-256', async () => {
    await signRefusal("sha256", [{ partNumber: 1, checksum: await crc64(Buffer.from("one")) }], ["part 1", "SHA-256"]);
  });

  it('a "none" upload signed with a checksum: INVALID_INPUT (storage would refuse a checksum it was not told of)', async () => {
    await signRefusal("none", [{ partNumber: 1, checksum: sha }], ["part 1", "without checksum"]);
  });

  it('complete of a "crc64nvme" upload without the whole file\'s value: INVALID_INPUT, the session untouched', async () => {
    const { client, created, unchanged } = await session("crc64nvme");
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId }), "BAD_REQUEST", "INVALID_INPUT");
    expect(failure.message).toContain("whole file's CRC64NVME");
    await unchanged();
  });

  it('complete of a "none" upload with a whole-file value: INVALID_INPUT, the session untouched', async () => {
    const { client, created, unchanged } = await session("none");
    const checksum = await crc64(Buffer.from("x"));
    const failure = await expectHoistError(client.upload.complete.mutate({ uploadId: created.uploadId, checksum }), "BAD_REQUEST", "INVALID_INPUT");
    expect(failure.message).toContain("without checksum");
    await unchanged();
  });
});
