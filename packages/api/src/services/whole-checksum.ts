import { HoistError } from "@hoist/contract";
import type { ChecksumVerifier } from "@hoist/contract";
import type { UploadSessionRow } from "@hoist/db";
import type { StoredChecksums } from "@hoist/s3-core";
import type { ApiDeps } from "../context";
import type { RoutePolicy } from "../routes";
import { readCrc64nvme } from "./verify-read";

/** What a file row records about its checksum: a verified value and who verified it, or an unverified one. */
export interface ChecksumFields {
  checksum?: string;
  checksumVerifiedBy?: ChecksumVerifier;
  unverifiedChecksum?: string;
}

/**
 * `upload.complete`'s `checksum` (the whole file's CRC64NVME) is required by crc64nvme sessions and refused by
 * the others, before anything changes: a refused caller leaves the session as it was.
 */
export function checkCompleteChecksum(session: UploadSessionRow, checksum: string | undefined): void {
  if (session.checksum === "crc64nvme" && checksum === undefined) {
    throw new HoistError(
      "INVALID_INPUT",
      `upload ${session.id} was created with checksum "crc64nvme": send the whole file's CRC64NVME as checksum with upload.complete`,
    );
  }
  if (session.checksum !== "crc64nvme" && checksum !== undefined) {
    throw new HoistError(
      "INVALID_INPUT",
      `upload ${session.id} was created with checksum "${session.checksum}": complete it without checksum ` +
        '(only "crc64nvme" uploads send the whole file\'s value)',
    );
  }
}

/** The value CompleteMultipartUpload carries for storage to check, where storage can. */
export function storageChecked(deps: ApiDeps, session: UploadSessionRow, checksum: string | undefined): string | undefined {
  return session.checksum === "crc64nvme" && deps.storage.profile.crc64nvme ? checksum : undefined;
}

function mismatch(session: UploadSessionRow, claimed: string, actual: string, who: string): HoistError {
  const next = session.strategy === "multipart" ? "start a new upload of the file" : "PUT the file again, then complete";
  return new HoistError(
    "CHECKSUM_MISMATCH",
    `${session.name}: the whole file's CRC64NVME sent with upload.complete (${claimed}) is not the one of the bytes ` +
      `${who} (${actual}), so the object was deleted; check how the file was read and ${next}`,
  );
}

/**
 * The checksum a new file records. sha256: storage's own value (it verified every part). crc64nvme: storage's
 * full-object value where the profile says it verifies CRC64NVME, which must equal the client's; elsewhere the
 * server reads the object once when the route asks (`verify: "read"`), else the client's value is recorded as
 * unverified. A different value is `CHECKSUM_MISMATCH` (a verdict: the caller deletes the object).
 */
export async function wholeChecksum(
  deps: ApiDeps,
  session: UploadSessionRow,
  route: RoutePolicy,
  stored: StoredChecksums,
  claimed: string | undefined,
): Promise<ChecksumFields> {
  if (session.checksum === "sha256") {
    return stored.sha256 === undefined ? {} : { checksum: `sha256:${stored.sha256}`, checksumVerifiedBy: "storage" };
  }
  if (session.checksum !== "crc64nvme" || claimed === undefined) return {};
  // A value a store outside the profile returns anyway is not relied on: the profile says who can verify.
  const byStorage = deps.storage.profile.crc64nvme ? stored.crc64nvme : undefined;
  if (byStorage !== undefined) {
    if (byStorage !== claimed) throw mismatch(session, claimed, byStorage, "storage holds");
    return { checksum: `crc64nvme:${byStorage}`, checksumVerifiedBy: "storage" };
  }
  if (route.verify !== "read") return { unverifiedChecksum: `crc64nvme:${claimed}` };
  const read = await readCrc64nvme(deps, session);
  if (read !== claimed) throw mismatch(session, claimed, read, "the server read from storage");
  return { checksum: `crc64nvme:${read}`, checksumVerifiedBy: "server" };
}
