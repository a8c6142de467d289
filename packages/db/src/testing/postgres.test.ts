import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { describe, expect, it } from "vitest";

import { withClient } from "./databases";
import { startPostgres } from "./postgres";
import { skipPostgres, testDatabaseUrl } from "./test-env";

const dataDirectory = (url: string) =>
  withClient(url, async (c) => {
    const { rows } = await c.query<{ dir: string }>("select current_setting('data_directory') as dir");
    return rows[0]!.dir;
  });

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(skipPostgres())("startPostgres", () => {
  it("serves empty databases and cleans up after itself", async () => {
    const server = await startPostgres();
    const other = await server.createDatabase();
    expect(other).not.toBe(server.url);
    const tables = await withClient(server.url, (c) =>
      c.query("select count(*)::int as n from information_schema.tables where table_schema = 'public'"),
    );
    expect(tables.rows).toEqual([{ n: 0 }]);
    const dataDir = await dataDirectory(server.url);
    await server.stop();
    if (testDatabaseUrl() === undefined) {
      expect(existsSync(dirname(dataDir))).toBe(false);
    } else {
      await expect(withClient(server.url, (c) => c.query("select 1"))).rejects.toThrow(/does not exist/);
    }
  });

  it("stops the postmaster process", async ({ skip }) => {
    skip(testDatabaseUrl() !== undefined, "an external server is not ours to stop");
    const server = await startPostgres();
    const dataDir = await dataDirectory(server.url);
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    expect(isAlive(pid)).toBe(true);
    await server.stop();
    expect(isAlive(pid)).toBe(false);
  });
});

describe.skipIf(skipPostgres())("PostgresServer.restart", () => {
  it("stops the server for the callback, then serves the same data on the same URL", async ({ skip }) => {
    skip(testDatabaseUrl() !== undefined, "an external server is not ours to restart");
    const server = await startPostgres();
    try {
      await withClient(server.url, (c) => c.query("create table kept (n int); insert into kept values (7)"));
      await server.restart(async () => {
        await expect(withClient(server.url, (c) => c.query("select 1"))).rejects.toThrow(/ECONNREFUSED/);
      });
      const kept = await withClient(server.url, (c) => c.query("select n from kept"));
      expect(kept.rows).toEqual([{ n: 7 }]);
    } finally {
      await server.stop();
    }
  });

  it("refuses on an external server", async ({ skip }) => {
    skip(testDatabaseUrl() === undefined, "only an external server refuses");
    const server = await startPostgres();
    try {
      await expect(server.restart()).rejects.toThrow(/cannot be restarted/);
    } finally {
      await server.stop();
    }
  });
});
