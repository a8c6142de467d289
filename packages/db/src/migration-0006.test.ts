import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { leanPgliteOptions } from "./pglite-lean";

const real = fileURLToPath(new URL("../drizzle", import.meta.url));

/** The migrations folder as it was before 0006: the journal cut after 0005. */
async function before0006(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "hoist-0005-"));
  await cp(real, dir, { recursive: true });
  const journal = JSON.parse(await readFile(join(dir, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.tag < "0006");
  await writeFile(join(dir, "meta/_journal.json"), JSON.stringify(journal));
  return dir;
}

// A database that recorded files before checksums named their algorithm, migrated forward.
describe("migration 0006 (crc64nvme)", () => {
  const client = new PGlite(leanPgliteOptions);
  const db = drizzle({ client });
  let oldFolder: string;
  beforeAll(async () => {
    oldFolder = await before0006();
    await migrate(db, { migrationsFolder: oldFolder });
    const file = (id: string, checksum: string | null) =>
      sql`insert into files (id, user_id, name, size, type, route, key, etag, checksum) values (${id}, 'u', 'a', 1, 'a/b', 'default', ${id}, '"e"', ${checksum})`;
    await db.execute(file("old-sha", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=-3"));
    await db.execute(file("old-none", null));
    await migrate(db, { migrationsFolder: real });
  });
  afterAll(async () => {
    await client.close();
    await rm(oldFolder, { recursive: true, force: true });
  });

  it("prefixes recorded SHA-256 values with their algorithm, verified by storage; files without stay without", async () => {
    const rows = await db.execute(sql`select id, checksum, checksum_verified_by, unverified_checksum from files order by id`);
    expect(rows.rows).toEqual([
      { id: "old-none", checksum: null, checksum_verified_by: null, unverified_checksum: null },
      { id: "old-sha", checksum: "sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=-3", checksum_verified_by: "storage", unverified_checksum: null },
    ]);
  });

  it("sessions take checksum crc64nvme; a file's verifier is storage or server, nothing else", async () => {
    const session = sql`insert into upload_sessions (id, user_id, route, key, name, size, type, checksum, strategy, part_size, part_count, status, expires_at)
      values ('s', 'u', 'default', 's', 'a', 1, 'a/b', 'crc64nvme', 'single', 1, 1, 'uploading', now())`;
    await db.execute(session);
    const refused = await db.execute(sql`update files set checksum_verified_by = 'client' where id = 'old-sha'`).catch((error: unknown) => error);
    // drizzle wraps the driver's error ("Failed query: ..."); Postgres names the constraint in the cause.
    expect(String((refused as Error).cause)).toContain("files_checksum_verified_by_check");
  });
});
