import type { FileRecord } from "@hoist/contract";

/** How far a file's bytes are known to be the ones uploaded, in words for people. */
export interface Integrity {
  /** `verified`: storage or the server checked the whole file; `unverified`: only the uploader summed it. */
  state: "verified" | "unverified" | "none";
  /** Short text for the file list, e.g. "CRC64NVME verified by storage". */
  label: string;
  /** A longer sentence with the value, for a tooltip. */
  detail: string;
}

const ALGORITHMS: Record<string, string> = { crc64nvme: "CRC64NVME", sha256: "SHA-256" };

/** "crc64nvme:<b64>" -> ["CRC64NVME", "<b64>"]. */
function split(checksum: string): [string, string] {
  const at = checksum.indexOf(":");
  const algorithm = checksum.slice(0, at);
  return [ALGORITHMS[algorithm] ?? algorithm.toUpperCase(), checksum.slice(at + 1)];
}

/** What a file's record says about its integrity (never more than the record claims). */
export function describeIntegrity(file: Pick<FileRecord, "checksum" | "checksumVerifiedBy" | "unverifiedChecksum">): Integrity {
  if (file.checksum !== undefined) {
    const [algorithm, value] = split(file.checksum);
    const by = file.checksumVerifiedBy ?? "storage";
    const how = by === "storage" ? "storage checked it as the file was uploaded" : "the server read the stored file once and found it";
    return { state: "verified", label: `${algorithm} verified by ${by}`, detail: `${algorithm} ${value}: ${how}` };
  }
  if (file.unverifiedChecksum !== undefined) {
    const [algorithm, value] = split(file.unverifiedChecksum);
    return {
      state: "unverified",
      label: "Not verified (storage cannot check)",
      detail: `${algorithm} ${value} as the uploader computed it; this storage cannot check it, so nobody has`,
    };
  }
  return { state: "none", label: "No checksum", detail: "Uploaded without a checksum" };
}
