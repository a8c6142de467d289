import { formatSize, HoistError, planOfSession } from "@hoist/contract";
import type { PartPlan } from "@hoist/contract";
import type { UploadSessionRow } from "@hoist/db";
import type { ListedPart } from "@hoist/s3-core";

/**
 * The plan a session is completed against. A known size has its plan from create; a stream (`maxSize`) learns
 * its plan from what storage holds: parts 1..k, where part k (the highest listed) is the last and may be short
 * (0..partSize bytes, so an empty stream is one 0-byte part), and the total must stay within `maxSize`.
 * `verifyParts` then checks that 1..k are all there and every part but k is exactly `partSize`.
 *
 * @throws HoistError `PART_MISSING` (nothing uploaded), `PART_SIZE_MISMATCH` (last part longer than a part),
 *   `SIZE_MISMATCH` (more than `maxSize`)
 */
export function completionPlan(session: UploadSessionRow, listed: readonly ListedPart[]): PartPlan {
  if (session.maxSize === null) return planOfSession(session);
  const last = listed.reduce<ListedPart | undefined>((top, part) => (top === undefined || part.partNumber > top.partNumber ? part : top), undefined);
  if (last === undefined) {
    throw new HoistError("PART_MISSING", `nothing was uploaded for ${session.name} yet; upload part 1 (0 bytes for an empty stream), then complete`);
  }
  const { partSize, maxSize } = { partSize: session.partSize, maxSize: session.maxSize };
  if (last.size > partSize) {
    throw new HoistError(
      "PART_SIZE_MISMATCH",
      `part ${last.partNumber} is ${last.size} bytes, more than this upload's part size ${partSize}; upload it again with the stream's bytes`,
    );
  }
  const size = partSize * (last.partNumber - 1) + last.size;
  if (size > maxSize) {
    throw new HoistError(
      "SIZE_MISMATCH",
      `the parts of ${session.name} would make ${formatSize(size)} (${size} bytes), more than its maxSize of ${maxSize} bytes; ` +
        "abort the upload and start again with a larger maxSize",
    );
  }
  return { size, strategy: "multipart", partSize, partCount: last.partNumber, lastPartSize: last.size };
}
