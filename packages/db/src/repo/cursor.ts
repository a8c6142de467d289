import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/** Thrown for a cursor this package did not issue; the API answers it as a bad request. */
export class InvalidCursorError extends Error {
  constructor() {
    super("invalid cursor");
    this.name = "InvalidCursorError";
  }
}

/** Position after the last row of a page, in the (created_at desc, id desc) order. */
interface KeysetPosition {
  createdAt: string;
  id: string;
}

/** Opaque to clients: base64url JSON of the last row's (createdAt, id). */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  const position: KeysetPosition = { createdAt: row.createdAt.toISOString(), id: row.id };
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/** Exactly what `Date#toISOString` writes for years 1..9999 (Postgres has no year 0 and no `+` years). */
const ISO_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** Ids are bounded like the contract's (200 chars) and printable: no NUL, which Postgres text cannot hold. */
const ROW_ID = /^[\x21-\x7e]{1,200}$/;

/**
 * Parses a cursor from `encodeCursor`; anything else raises `InvalidCursorError`. Strict on purpose: only
 * values `encodeCursor` could have written reach SQL, so a crafted cursor is a bad request, never a query error.
 */
export function decodeCursor(cursor: string): KeysetPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  if (!isPosition(parsed)) throw new InvalidCursorError();
  return { createdAt: parsed.createdAt, id: parsed.id };
}

function isPosition(value: unknown): value is KeysetPosition {
  if (typeof value !== "object" || value === null || Object.keys(value).length !== 2) return false;
  const { createdAt, id } = value as Record<string, unknown>;
  if (typeof createdAt !== "string" || typeof id !== "string" || !ROW_ID.test(id)) return false;
  const time = Date.parse(createdAt);
  return ISO_INSTANT.test(createdAt) && !Number.isNaN(time) && new Date(time).toISOString() === createdAt;
}

/**
 * Rows strictly after the cursor in (created_at desc, id desc) order. A row comparison lets Postgres walk the
 * (…, created_at desc, id desc) index from the cursor instead of filtering an OR of two conditions.
 */
export function afterCursor(createdAt: AnyPgColumn, id: AnyPgColumn, cursor: string | undefined): SQL | undefined {
  if (cursor === undefined) return undefined;
  const position = decodeCursor(cursor);
  return sql`(${createdAt}, ${id}) < (${position.createdAt}::timestamptz, ${position.id})`;
}

/** One page of rows plus the cursor for the next page, absent on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * Turns `limit + 1` fetched rows into a page: the extra row only proves there is a next page, so a page that
 * ends exactly at the last row does not advertise an empty follow-up.
 */
export function toPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number): Page<T> {
  if (rows.length <= limit) return { items: rows };
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return last ? { items, nextCursor: encodeCursor(last) } : { items };
}
