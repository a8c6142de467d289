import { sql, type SQL } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  type AnyPgColumn,
  type ExtraConfigColumn,
} from "drizzle-orm/pg-core";

import { CHECKSUM_VERIFIERS, CHECKSUMS, SESSION_STATUSES, STRATEGIES } from "./values";

/**
 * Millisecond precision on purpose: JS `Date` holds milliseconds, and keyset cursors carry the timestamp back
 * to the database; with Postgres' default microseconds a cursor would not equal the row it came from.
 */
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });

/** Sizes go up to 2^53-1 bytes (the contract's limit), which `number` represents exactly. */
const byteCount = (name: string) => bigint(name, { mode: "number" });

/**
 * Index columns for "newest first, ties by id". NULLS FIRST is what a plain `ORDER BY ... DESC` means in
 * Postgres; drizzle's index builder would otherwise emit NULLS LAST and the planner could not use the index.
 */
const newestFirst = (createdAt: ExtraConfigColumn, id: ExtraConfigColumn) =>
  [createdAt.desc().nullsFirst(), id.desc().nullsFirst()] as const;

/** `col IN ('a', 'b')` with literals inlined: drizzle-kit writes CHECK bodies verbatim, so no bound params. */
function oneOf(column: AnyPgColumn, values: readonly string[]): SQL {
  const literals = values.map((v) => `'${v.replaceAll("'", "''")}'`).join(", ");
  return sql`${column} in (${sql.raw(literals)})`;
}

/** One row per `upload.create`: the plan, the S3 upload id and where the session is in its lifecycle. */
export const uploadSessions = pgTable(
  "upload_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    route: text("route").notNull(),
    key: text("key").notNull().unique(),
    name: text("name").notNull(),
    size: byteCount("size").notNull(),
    // A stream created without a size: its declared maximum, which `size` also holds (plans and quotas use it)
    // until complete records the real size there. Null when the size was declared.
    maxSize: byteCount("max_size"),
    type: text("type").notNull(),
    lastModified: bigint("last_modified", { mode: "number" }),
    checksum: text("checksum", { enum: CHECKSUMS }).notNull(),
    strategy: text("strategy", { enum: STRATEGIES }).notNull(),
    partSize: byteCount("part_size").notNull(),
    partCount: integer("part_count").notNull(),
    s3UploadId: text("s3_upload_id"),
    status: text("status", { enum: SESSION_STATUSES }).notNull(),
    expiresAt: instant("expires_at").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
    updatedAt: instant("updated_at").notNull().defaultNow(),
    // While `completing`: until when the complete that claimed it owns it; the sweeper and abort wait for it.
    leaseExpiresAt: instant("lease_expires_at"),
  },
  (t) => [
    index("upload_sessions_user_status_created_idx").on(t.userId, t.status, ...newestFirst(t.createdAt, t.id)),
    index("upload_sessions_status_expires_idx").on(t.status, t.expiresAt),
    // The sweeper asks "is this S3 upload id still live?" for pages of up to 1,000 ids.
    index("upload_sessions_s3_upload_id_idx").on(t.s3UploadId),
    check("upload_sessions_status_check", oneOf(t.status, SESSION_STATUSES)),
    check("upload_sessions_strategy_check", oneOf(t.strategy, STRATEGIES)),
    check("upload_sessions_checksum_check", oneOf(t.checksum, CHECKSUMS)),
    check("upload_sessions_size_check", sql`${t.size} >= 0`),
  ],
);

/** One row per completed upload: what landed in storage, verified. */
export const files = pgTable(
  "files",
  {
    id: text("id").primaryKey(),
    userId: text("user_id").notNull(),
    // Files outlive their sessions: cleaning up old sessions must not delete what users uploaded.
    sessionId: text("session_id")
      .unique()
      .references(() => uploadSessions.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    size: byteCount("size").notNull(),
    type: text("type").notNull(),
    route: text("route").notNull(),
    key: text("key").notNull().unique(),
    etag: text("etag").notNull(),
    // "<algorithm>:<base64>", only when verified (by `checksum_verified_by`); a client's value nobody could check
    // goes to `unverified_checksum` instead, so a record never claims a check that was not made.
    checksum: text("checksum"),
    checksumVerifiedBy: text("checksum_verified_by", { enum: CHECKSUM_VERIFIERS }),
    unverifiedChecksum: text("unverified_checksum"),
    createdAt: instant("created_at").notNull().defaultNow(),
    completedAt: instant("completed_at").notNull().defaultNow(),
  },
  (t) => [
    index("files_user_created_idx").on(t.userId, ...newestFirst(t.createdAt, t.id)),
    check("files_size_check", sql`${t.size} >= 0`),
    check("files_checksum_verified_by_check", oneOf(t.checksumVerifiedBy, CHECKSUM_VERIFIERS)),
  ],
);

/**
 * API calls per user per fixed window (HOIST_RATE_LIMIT): one row per user and window start, counted up by
 * every instance with one upsert, so the limit holds however many instances serve the user.
 */
export const requestCounts = pgTable(
  "request_counts",
  {
    userId: text("user_id").notNull(),
    windowStart: instant("window_start").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.windowStart] }),
    // The sweeper deletes past windows by start, for all users at once.
    index("request_counts_window_start_idx").on(t.windowStart),
  ],
);

/**
 * The outbox of `files.onCompleted`: one row per completed file, written in the transaction that records the file.
 * Ids are handed out in commit order (see `appendFileEvent`), so "every id above my last" is all a subscriber missed.
 */
export const fileEvents = pgTable(
  "file_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id").notNull(),
    // The event as sent (a FileRecord): the file row may be deleted later, the event stays as it was.
    file: jsonb("file").notNull(),
    createdAt: instant("created_at").notNull().defaultNow(),
  },
  (t) => [
    // A user's catch-up walks their own events by id; the sweeper prunes by age.
    index("file_events_user_id_idx").on(t.userId, t.id),
    index("file_events_created_at_idx").on(t.createdAt),
  ],
);

/** A row of `upload_sessions` as read. */
export type UploadSessionRow = typeof uploadSessions.$inferSelect;
/** A row of `upload_sessions` as written (defaults may be omitted). */
export type UploadSessionInsert = typeof uploadSessions.$inferInsert;
/** A row of `files` as read. */
export type FileRow = typeof files.$inferSelect;
/** A row of `files` as written (defaults may be omitted). */
export type FileInsert = typeof files.$inferInsert;
/** A row of `file_events` as read. */
export type FileEventRow = typeof fileEvents.$inferSelect;
