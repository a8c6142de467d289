import type { Pool, PoolClient } from "pg";

/**
 * SQLSTATEs of a server that is not taking work: class 08 (connection exception), 57P01-57P03 (shutting down,
 * crashed, not accepting connections yet) and 53300 (too many connections). Waiting and retrying is the cure.
 */
const UNAVAILABLE_STATE = /^(08[0-9A-Z]{3}|57P0[1-3]|53300)$/;
/** Socket failures: raised by any client, so they count only when tagged as the pool's (see {@link tagConnectFailures}). */
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/** pg's own words when a connection dies under a query ("Connection terminated unexpectedly", "... due to connection timeout"). */
const TERMINATED = /^Connection terminated/;

/** The pool could not open a connection to Postgres; `cause` is the socket's error (it may name the host). */
export class DatabaseUnavailableError extends Error {
  override name = "DatabaseUnavailableError";
}

function unavailableLink(error: Error): boolean {
  if (error instanceof DatabaseUnavailableError || TERMINATED.test(error.message)) return true;
  // pg's DatabaseError: a server's answer carries `severity` beside its SQLSTATE `code`.
  const { severity, code } = error as { severity?: unknown; code?: unknown };
  return typeof severity === "string" && typeof code === "string" && UNAVAILABLE_STATE.test(code);
}

/**
 * True when `error` (or one of its causes: drizzle wraps a query's error) says Postgres cannot be reached or is
 * not taking work, as while it restarts: the request may be tried again once it is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let link: unknown = error;
  for (let depth = 0; link instanceof Error && depth < 8; depth += 1) {
    if (unavailableLink(link)) return true;
    link = link.cause;
  }
  return false;
}

type ConnectCallback = (err: Error | undefined, client?: PoolClient, done?: (release?: unknown) => void) => void;

function tagged(err: Error): Error {
  const { code } = err as { code?: unknown };
  if (typeof code !== "string" || !NETWORK_CODES.has(code)) return err;
  return new DatabaseUnavailableError("could not connect to the database", { cause: err });
}

/**
 * Makes the pool's connect failures say they are the database's: a refused socket alone (ECONNREFUSED) could be
 * storage's just as well. Both forms of `connect` are kept: `pool.query` uses the callback, drizzle's
 * transactions and the migrator the promise.
 */
export function tagConnectFailures(pool: Pool): void {
  const original = pool.connect.bind(pool) as unknown as (cb: ConnectCallback) => void;
  const connect = (cb?: ConnectCallback) => {
    if (cb !== undefined) {
      original((err, client, done) => {
        cb(err ? tagged(err) : err, client, done);
      });
      return undefined;
    }
    return new Promise<PoolClient>((resolve, reject) => {
      original((err, client) => {
        if (err || client === undefined) reject(tagged(err ?? new Error("the pool gave no connection")));
        else resolve(client);
      });
    });
  };
  Object.assign(pool, { connect });
}
