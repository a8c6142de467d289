import { and, inArray } from "drizzle-orm";

import type { Db } from "../db";
import { files, uploadSessions } from "../schema";
import { LIVE_STATUSES } from "../values";

/**
 * Which of these storage keys something still owns: a file row, or a live (`uploading`/`completing`) session.
 * One statement, so one snapshot: a session that completes meanwhile is seen either live or with its file,
 * never as neither. Reconciliation deletes the objects whose keys are not returned.
 */
export async function listOwnedKeys(db: Db, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const s = uploadSessions;
  const rows = await db
    .select({ key: files.key })
    .from(files)
    .where(inArray(files.key, [...keys]))
    .union(db.select({ key: s.key }).from(s).where(and(inArray(s.key, [...keys]), inArray(s.status, [...LIVE_STATUSES]))));
  return rows.map((r) => r.key);
}
