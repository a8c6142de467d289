import { listOwnedKeys } from "@hoist/db";
import type { ListedObject } from "@hoist/s3-core";
import type { ApiDeps } from "../context";

/** Listed before the cutoff; an object without a date is treated as new, so it is never deleted on a guess. */
const olderThan = (cutoff: number) => (o: ListedObject) => o.lastModified !== undefined && o.lastModified.getTime() <= cutoff;

/**
 * Reconciliation: deletes objects under `prefix` older than the grace that neither a file row nor a live
 * session owns — left by a crash between storage and the database, by a complete that lost its session, or
 * re-created through a still-valid single-PUT URL after `files.delete`. A recorded file's object is never
 * touched: ownership is asked of the database per page, after the object was listed, in one statement.
 * @param signal checked between pages: once aborted, the pages left wait for the next sweep
 * @returns how many objects were deleted
 */
export async function removeUnownedObjects(deps: ApiDeps, prefix: string, graceSeconds: number, signal?: AbortSignal): Promise<number> {
  const cutoff = deps.options.now().getTime() - graceSeconds * 1000;
  let count = 0;
  for await (const page of deps.storage.listObjectPages({ prefix, maxKeys: deps.options.sweepPageSize })) {
    if (signal?.aborted === true) break;
    const old = page.filter(olderThan(cutoff)).map((o) => o.key);
    const owned = new Set(await listOwnedKeys(deps.db, old));
    const unowned = old.filter((key) => !owned.has(key));
    await Promise.all(unowned.map((key) => deps.storage.deleteObject(key)));
    count += unowned.length;
  }
  return count;
}
