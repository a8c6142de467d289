import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

const DEBIAN_ROOT = "/usr/lib/postgresql";

/**
 * The bin directory of the newest Postgres under `root` (Debian/Ubuntu layout, one directory per major
 * version). Throws with an install hint rather than letting the suite fail later with ENOENT.
 */
export function findPostgresBinDir(root = DEBIAN_ROOT): string {
  const versions = existsSync(root) ? readdirSync(root) : [];
  const candidates = versions
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(root, v, "bin"))
    .filter((bin) => existsSync(join(bin, "initdb")) && existsSync(join(bin, "postgres")));
  const newest = candidates[0];
  if (newest === undefined) {
    throw new Error(
      `Postgres binaries not found under ${root}/*/bin (need initdb and postgres). ` +
        "Install them (apt-get install postgresql), point HOIST_TEST_DATABASE_URL at a server, " +
        "or set HOIST_TEST_SKIP_POSTGRES=1 to run only the PGlite variants.",
    );
  }
  return newest;
}
