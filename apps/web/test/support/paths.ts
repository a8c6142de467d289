import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** apps/web, the package these tests and benches belong to. */
export const WEB_DIR = fileURLToPath(new URL("../..", import.meta.url));
/** The built web app the server serves at `/`. */
export const DIST_DIR = join(WEB_DIR, "dist");

/**
 * Where screenshots go: `apps/web/test-artifacts` (gitignored by the root `test-artifacts` pattern) unless
 * HOIST_WEB_ARTIFACTS names another directory. Created on first use.
 */
export function artifactsDir(): string {
  const dir = process.env.HOIST_WEB_ARTIFACTS ?? join(WEB_DIR, "test-artifacts");
  mkdirSync(dir, { recursive: true });
  return dir;
}
