import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { newUserId, sessionRow } from "../test/fixtures";
import type { Db } from "./db";
import { openDb } from "./open-db";
import { getSession, insertSession } from "./repo/sessions";
import { skipPostgres, startPostgres, type PostgresServer } from "./testing";

const journal = JSON.parse(await readFile(new URL("../drizzle/meta/_journal.json", import.meta.url), "utf8")) as {
  entries: unknown[];
};

// The shared Db type cannot know the driver's raw result shape, so these use the typed query builder.
async function appliedMigrations(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(sql`drizzle.__drizzle_migrations`);
  return row?.n ?? -1;
}

async function tableNames(db: Db): Promise<string[]> {
  const rows = await db
    .select({ name: sql<string>`table_name` })
    .from(sql`information_schema.tables`)
    .where(sql`table_schema = 'public'`)
    .orderBy(sql`table_name`);
  return rows.map((r) => r.name);
}

describe("openDb", () => {
  it("refuses to guess where the data lives", async () => {
    await expect(openDb({})).rejects.toThrow(/url.*dataDir.*memory/);
  });

  it("migrates a fresh in-memory PGlite", async () => {
    const hoist = await openDb({ memory: true });
    expect(hoist.dialect).toBe("pglite");
    expect(await tableNames(hoist.db)).toEqual(["file_events", "files", "request_counts", "upload_sessions"]);
    expect(await appliedMigrations(hoist.db)).toBe(journal.entries.length);
    await hoist.close();
  });

  it("reopens a persisted PGlite directory without re-applying migrations", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hoist-pglite-"));
    try {
      const dataDir = join(dir, "nested", "data");
      const first = await openDb({ dataDir });
      const row = await insertSession(first.db, sessionRow(newUserId()));
      await first.close();
      const second = await openDb({ dataDir });
      expect(await getSession(second.db, row.id)).toEqual(row);
      expect(await appliedMigrations(second.db)).toBe(journal.entries.length);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("runs PGlite with small buffers set per process: a directory's own postgresql.conf is left as initdb wrote it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "hoist-pglite-"));
    try {
      const hoist = await openDb({ dataDir: dir });
      const [row] = await hoist.db.select({ buffers: sql<string>`current_setting('shared_buffers')` }).from(sql`(values (1)) as one(x)`);
      expect(row?.buffers).toBe("2MB");
      await hoist.close();
      expect(await readFile(join(dir, "postgresql.conf"), "utf8")).not.toMatch(/^shared_buffers\s*=\s*2MB/m);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(skipPostgres())("openDb on postgres", () => {
  let server: PostgresServer;
  beforeAll(async () => (server = await startPostgres()));
  afterAll(() => server.stop());

  it("lets instances starting at once share one migration run", async () => {
    for (let round = 0; round < 3; round++) {
      const url = await server.createDatabase();
      const instances = await Promise.all([openDb({ url }), openDb({ url }), openDb({ url })]);
      expect(instances.map((i) => i.dialect)).toEqual(["postgres", "postgres", "postgres"]);
      expect(await tableNames(instances[0].db)).toEqual(["file_events", "files", "request_counts", "upload_sessions"]);
      expect(await appliedMigrations(instances[1].db)).toBe(journal.entries.length);
      await Promise.all(instances.map((i) => i.close()));
    }
  });

  it("reopens a migrated database without re-applying migrations", async () => {
    const first = await openDb({ url: server.url });
    const row = await insertSession(first.db, sessionRow(newUserId()));
    await first.close();
    const second = await openDb({ url: server.url });
    expect(await getSession(second.db, row.id)).toEqual(row);
    expect(await appliedMigrations(second.db)).toBe(journal.entries.length);
    await second.close();
  });

  it("fails with the server's own error on a bad URL", async () => {
    const url = new URL(server.url);
    url.pathname = "/no_such_database";
    await expect(openDb({ url: url.toString() })).rejects.toThrow(/no_such_database/);
  });
});
