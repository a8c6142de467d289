import { randomUUID } from "node:crypto";

import type { FileInsert, UploadSessionInsert, UploadSessionRow } from "../src/schema";

/** A user id no other test uses, so tests sharing one database never see each other's rows. */
export function newUserId(): string {
  return `user_${randomUUID()}`;
}

/** A valid single-part session for `userId`, expiring in an hour unless overridden. */
export function sessionRow(userId: string, overrides: Partial<UploadSessionInsert> = {}): UploadSessionInsert {
  const id = overrides.id ?? `ses_${randomUUID()}`;
  return {
    id,
    userId,
    route: "default",
    key: `default/${userId}/2026/01/${id}`,
    name: "a.bin",
    size: 10,
    type: "application/octet-stream",
    checksum: "none",
    strategy: "single",
    partSize: 10,
    partCount: 1,
    status: "uploading",
    expiresAt: new Date(Date.now() + 3_600_000),
    ...overrides,
  };
}

/** The file row the API would record when `session` completes. */
export function fileFor(session: UploadSessionRow, overrides: Partial<FileInsert> = {}): Omit<FileInsert, "sessionId"> {
  return {
    id: `file_${randomUUID()}`,
    userId: session.userId,
    name: session.name,
    size: session.size,
    type: session.type,
    route: session.route,
    key: session.key,
    etag: '"etag"',
    ...overrides,
  };
}

/**
 * The constraint a failed query violated. drizzle wraps driver errors (DrizzleQueryError), and both pg and
 * PGlite report the constraint name on the wrapped error's `constraint` field.
 */
export async function violatedConstraint(query: Promise<unknown>): Promise<string | undefined> {
  try {
    await query;
  } catch (err) {
    const cause = err instanceof Error ? err.cause : undefined;
    if (typeof cause === "object" && cause !== null && "constraint" in cause) return String(cause.constraint);
    throw err;
  }
  return undefined;
}
