import { randomBytes } from "node:crypto";

import pg from "pg";

/** Connects once, runs `fn`, and always disconnects. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database with a random name on the server behind `adminUrl`; returns its URL. */
export async function createDatabase(adminUrl: string): Promise<string> {
  const name = `hoist_test_${randomBytes(6).toString("hex")}`;
  await withClient(adminUrl, (c) => c.query(`create database "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the databases made by `createDatabase`, disconnecting anyone still attached (Postgres 13+). */
export async function dropDatabases(adminUrl: string, urls: readonly string[]): Promise<void> {
  await withClient(adminUrl, async (c) => {
    for (const url of urls) {
      const name = decodeURIComponent(new URL(url).pathname.slice(1));
      await c.query(`drop database if exists "${name}" with (force)`);
    }
  });
}

/**
 * Polls until the server accepts a connection. Fails fast with the server's own log if it exits first, and
 * after `timeoutMs` otherwise.
 */
export async function waitForConnections(
  url: string,
  exited: () => boolean,
  log: () => string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exited()) throw new Error(`postgres exited during start-up:\n${log()}`);
    try {
      await withClient(url, (c) => c.query("select 1"));
      return;
    } catch (err) {
      if (Date.now() > deadline) {
        throw new Error(`postgres did not accept connections in ${timeoutMs} ms:\n${log()}`, { cause: err });
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
