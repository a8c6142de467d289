import { HoistError } from "@hoist/contract";
import type { ChecksumMode, SignPartsInput } from "@hoist/contract";
import type { UploadSessionRow } from "@hoist/db";

type PartRequest = SignPartsInput["parts"][number];

// Base64 lengths of the two digests a part may carry (the contract checked the alphabet and the padding).
const LENGTHS: Record<Exclude<ChecksumMode, "none">, { chars: number; name: string }> = {
  crc64nvme: { chars: 12, name: "CRC64NVME (12 base64 characters)" },
  sha256: { chars: 44, name: "SHA-256 (44 base64 characters)" },
};

function refuse(session: UploadSessionRow, part: PartRequest, what: string): never {
  throw new HoistError(
    "INVALID_INPUT",
    `upload ${session.id} was created with checksum "${session.checksum}": ${what} part ${part.partNumber}`,
  );
}

/**
 * Each part's checksum must be the session's algorithm: required by `crc64nvme` and `sha256` sessions (storage
 * needs it, and a crc64nvme client always has it), refused by `none` sessions (storage would refuse a checksum on
 * an upload declared without one). Checked before anything is signed.
 */
export function checkPartChecksums(session: UploadSessionRow, parts: SignPartsInput["parts"]): void {
  for (const part of parts) {
    if (session.checksum === "none") {
      if (part.checksum !== undefined) refuse(session, part, "sign without checksum");
      continue;
    }
    const { chars, name } = LENGTHS[session.checksum];
    if (part.checksum === undefined) refuse(session, part, `send the ${name} of`);
    if (part.checksum.length !== chars) refuse(session, part, `the checksum must be the ${name} of`);
  }
}
