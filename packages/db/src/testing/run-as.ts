import { execFileSync } from "node:child_process";

/** uid/gid to pass to `spawn`, so Postgres runs unprivileged even when the tests run as root. */
export interface RunAs {
  uid?: number;
  gid?: number;
}

/**
 * initdb and postgres refuse to run as root. As root, run them as the `postgres` system user by spawning with
 * its uid/gid (not via runuser/su, which would sit between us and the postmaster and swallow the shutdown
 * signal); as anyone else, run them as ourselves.
 */
export function postgresRunAs(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  try {
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error("running as root needs a `postgres` system user to own the throwaway cluster");
  }
}
