import { formatSize, HoistError } from "@hoist/contract";
import { insertSessionWithinQuota } from "@hoist/db";
import type { QuotaResult, UploadSessionInsert } from "@hoist/db";
import type { ApiDeps } from "../context";

const NOTHING_DONE = "nothing was created";

function quotaError(deps: ApiDeps, row: UploadSessionInsert, refused: Exclude<QuotaResult, { ok: true }>): HoistError {
  if (refused.quota === "open") {
    return new HoistError(
      "QUOTA_EXCEEDED",
      `this account already has ${refused.open} uploads in progress, the most this server allows ` +
        `(HOIST_QUOTA_OPEN_UPLOADS=${deps.options.quotaOpenUploads}); ${NOTHING_DONE}: complete or abort some ` +
        "(upload.list shows them) or let them expire, then try again",
    );
  }
  const max = deps.options.quotaBytes ?? 0;
  return new HoistError(
    "QUOTA_EXCEEDED",
    `${row.name} (${formatSize(row.size)}) would take this account past its storage quota of ${formatSize(max)} ` +
      `(HOIST_QUOTA_BYTES): files and uploads in progress already hold ${formatSize(refused.usedBytes)}; ` +
      `${NOTHING_DONE}: delete files or abort uploads first`,
  );
}

/**
 * Records a new session if the user stays within the open-uploads and bytes quotas, else refuses with
 * `QUOTA_EXCEEDED` and records nothing. The check and the insert are one step in the database, so creates on
 * several instances cannot pass a quota together.
 */
export async function insertWithinQuota(deps: ApiDeps, row: UploadSessionInsert): Promise<void> {
  const { quotaOpenUploads, quotaBytes, now } = deps.options;
  const quota = {
    now: now(),
    ...(quotaOpenUploads !== undefined && { maxOpen: quotaOpenUploads }),
    ...(quotaBytes !== undefined && { maxBytes: quotaBytes }),
  };
  const result = await insertSessionWithinQuota(deps.db, row, quota);
  if (!result.ok) throw quotaError(deps, row, result);
}
