import { HoistError } from "@hoist/contract";
import { s3ErrorCode } from "./s3-errors.js";

/**
 * True when storage refused a write because a checksum the request carried is not the one of the bytes it holds:
 * `BadDigest`, or `InvalidRequest` naming a checksum that does not match (how AWS answers a wrong full-object
 * value on CompleteMultipartUpload, depending on the case).
 */
export function isChecksumRefusal(error: unknown): boolean {
  const code = s3ErrorCode(error);
  if (code === "BadDigest") return true;
  const message = error instanceof Error ? error.message : "";
  return code === "InvalidRequest" && /checksum/i.test(message) && /match/i.test(message);
}

/** `CHECKSUM_MISMATCH` for a whole-file value storage refused at complete; the upload stays open in storage. */
export function checksumMismatch(uploadId: string, cause: unknown): HoistError {
  return new HoistError(
    "CHECKSUM_MISMATCH",
    `storage refused to complete upload ${uploadId}: the whole file's CRC64NVME sent with upload.complete is not the ` +
      "one of the parts it holds; compute it again from the file (or upload the file again) and complete again",
    { cause },
  );
}
