import { and, asc, gt, inArray, lt, sql } from "drizzle-orm";

import type { Db } from "../db";
import { fileEvents, type FileEventRow } from "../schema";

/** The channel every instance LISTENs on; the payload is only a wake-up, subscribers read the rows. */
export const FILE_EVENTS_CHANNEL = "hoist_file_events";

/**
 * Taken (transaction-scoped) right before an event's id is drawn and held until commit, so ids are handed out in
 * commit order. With a plain sequence a transaction holding id 5 could commit after one holding id 6, and a
 * subscriber that had seen 6 would resume after it and miss 5 for good. Single-bigint key space, like the
 * migration lock; distinct from it.
 */
const EVENT_ORDER_LOCK = 0x486f_6576; // "Hoev"

/** What {@link appendFileEvent} records. */
export interface FileEventInput {
  userId: string;
  file: unknown;
  createdAt: Date;
}

/**
 * Records an event inside the caller's transaction (`tx`) and wakes every listening instance when it commits.
 * Call it as the transaction's last step: the order lock is held from here to commit and serialises completions.
 */
export async function appendFileEvent(tx: Db, event: FileEventInput): Promise<FileEventRow> {
  await tx.execute(sql`select pg_advisory_xact_lock(${EVENT_ORDER_LOCK})`);
  const [row] = await tx.insert(fileEvents).values(event).returning();
  if (!row) throw new Error("insert into file_events returned no row");
  // Delivered at commit only, and not at all on rollback: a listener never wakes for an event it cannot read.
  await tx.execute(sql`select pg_notify(${FILE_EVENTS_CHANNEL}, ${String(row.id)})`);
  return row;
}

/** Which events {@link listFileEventsAfter} reads: after `after`, of `userIds` (all users when absent), `limit` at most. */
export interface FileEventsQuery {
  after: number;
  userIds?: readonly string[];
  limit: number;
}

/** Events with id above `after`, oldest first: a subscriber's catch-up, or an instance's read after a wake-up. */
export async function listFileEventsAfter(db: Db, query: FileEventsQuery): Promise<FileEventRow[]> {
  const mine = query.userIds === undefined ? undefined : inArray(fileEvents.userId, [...query.userIds]);
  return db
    .select()
    .from(fileEvents)
    .where(and(gt(fileEvents.id, query.after), mine))
    .orderBy(asc(fileEvents.id))
    .limit(query.limit);
}

/** The newest event's id, 0 when there is none: where a subscriber without a last id starts. */
export async function latestFileEventId(db: Db): Promise<number> {
  const [row] = await db.select({ id: sql<string | null>`max(${fileEvents.id})::text` }).from(fileEvents);
  return Number(row?.id ?? 0);
}

/**
 * The highest event id ever handed out (0 before the first), committed or not and pruned or not: a subscriber's
 * last id above it cannot have come from this database.
 */
export async function lastIssuedFileEventId(db: Db): Promise<number> {
  const [row] = await db
    .select({ id: sql<string | null>`pg_sequence_last_value(pg_get_serial_sequence('file_events', 'id'))::text` })
    .from(sql`(select 1) as one`);
  return Number(row?.id ?? 0);
}

/** Deletes up to `limit` events created before `before`, oldest first; returns how many went. */
export async function pruneFileEvents(db: Db, before: Date, limit: number): Promise<number> {
  const oldest = db.select({ id: fileEvents.id }).from(fileEvents).where(lt(fileEvents.createdAt, before)).orderBy(asc(fileEvents.id)).limit(limit);
  const rows = await db.delete(fileEvents).where(inArray(fileEvents.id, oldest)).returning({ id: fileEvents.id });
  return rows.length;
}
