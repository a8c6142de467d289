import { rmSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { createDatabase, dropDatabases, waitForConnections } from "./databases";
import { findPostgresBinDir } from "./pg-binaries";
import { initCluster, spawnPostmaster, stopPostmaster, type Postmaster } from "./postmaster";
import { postgresRunAs, type RunAs } from "./run-as";
import { testDatabaseUrl } from "./test-env";

/** A Postgres server for one test file, with a fresh database already created. */
export interface PostgresServer {
  /** URL of an empty database created for this caller. */
  url: string;
  /** Creates another empty database on the same server (e.g. to test migrations from scratch). */
  createDatabase(): Promise<string>;
  /**
   * Stops the postmaster (fast shutdown: sessions are cut), runs `whileDown`, then starts it again on the same port
   * and data dir and waits until it accepts connections. A throwaway cluster only: rejects on an external server
   * (HOIST_TEST_DATABASE_URL), which is not ours to stop; check `testDatabaseUrl()` and skip such a test.
   */
  restart(whileDown?: () => Promise<void>): Promise<void>;
  /** Stops the throwaway cluster and deletes its files, or drops the created databases on an external server. */
  stop(): Promise<void>;
}

/** An admin connection URL and how to release (and, for our own cluster, restart) the server behind it. */
interface Server {
  adminUrl: string;
  release: () => Promise<void>;
  restart: (whileDown?: () => Promise<void>) => Promise<void>;
}

const notOurs = () => Promise.reject(new Error("an external Postgres (HOIST_TEST_DATABASE_URL) cannot be restarted by a test"));

/**
 * Gives a test file a real Postgres: a throwaway cluster under the temp dir (or, with HOIST_TEST_DATABASE_URL,
 * a database on that server). Throws if Postgres binaries cannot be found.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const external = testDatabaseUrl();
  const created: string[] = [];
  const server: Server =
    external === undefined
      ? await startCluster()
      : { adminUrl: external, release: () => dropDatabases(external, created), restart: notOurs };
  const create = async () => {
    const url = await createDatabase(server.adminUrl);
    created.push(url);
    return url;
  };
  try {
    return { url: await create(), createDatabase: create, restart: server.restart, stop: server.release };
  } catch (err) {
    await server.release();
    throw err;
  }
}

async function startCluster(): Promise<Server> {
  const binDir = findPostgresBinDir();
  const runAs = postgresRunAs();
  const base = await mkdtemp(join(tmpdir(), "hoist-pg-"));
  try {
    if (runAs.uid !== undefined && runAs.gid !== undefined) await chown(base, runAs.uid, runAs.gid);
    const dataDir = join(base, "data");
    await initCluster(binDir, dataDir, runAs);
    const launched = await launch(binDir, dataDir, runAs);
    const { port } = launched;
    let { postmaster } = launched;
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    // Safety net for a test run that dies without calling stop(): no orphaned server, no leftover files.
    const onExit = () => {
      postmaster.child.kill("SIGQUIT");
      rmSync(base, { recursive: true, force: true });
    };
    process.once("exit", onExit);
    const release = async () => {
      process.off("exit", onExit);
      await stopPostmaster(postmaster.child);
      await rm(base, { recursive: true, force: true });
    };
    const restart = async (whileDown?: () => Promise<void>) => {
      await stopPostmaster(postmaster.child);
      try {
        await whileDown?.();
      } finally {
        // The same port: clients (a server's pool) hold this URL and must find it again.
        postmaster = spawnPostmaster(binDir, dataDir, port, runAs);
        await waitForConnections(adminUrl, postmaster.exited, postmaster.log);
      }
    };
    return { adminUrl, release, restart };
  } catch (err) {
    await rm(base, { recursive: true, force: true });
    throw err;
  }
}

/** Another process can take the free port before Postgres binds it; retry with a new one a few times. */
async function launch(
  binDir: string,
  dataDir: string,
  runAs: RunAs,
): Promise<{ postmaster: Postmaster; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const postmaster = spawnPostmaster(binDir, dataDir, port, runAs);
    try {
      await waitForConnections(`postgres://postgres@127.0.0.1:${port}/postgres`, postmaster.exited, postmaster.log);
      return { postmaster, port };
    } catch (err) {
      await stopPostmaster(postmaster.child);
      if (attempt >= 3 || !/could not bind|address already in use/i.test(postmaster.log())) throw err;
    }
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("could not read a free port");
  return address.port;
}
