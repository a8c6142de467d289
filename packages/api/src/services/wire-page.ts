import { InvalidCursorError } from "@hoist/db";
import { badCursor } from "../errors";

/** A page as the wire carries it: `nextCursor` only when there is more. */
export interface WirePage<T> {
  items: T[];
  nextCursor?: string;
}

/**
 * One database page mapped for the wire. A cursor the database layer refuses (not one the server wrote) becomes
 * `BAD_REQUEST`/`INVALID_INPUT` here, so every paged procedure answers a crafted cursor the same way.
 */
export async function wirePage<Row, T>(
  load: () => Promise<{ items: Row[]; nextCursor?: string | undefined }>,
  toWire: (row: Row) => T,
): Promise<WirePage<T>> {
  try {
    const page = await load();
    const items = page.items.map(toWire);
    return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
  } catch (error) {
    if (error instanceof InvalidCursorError) throw badCursor(error);
    throw error;
  }
}
