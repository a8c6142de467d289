import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * Bundles a bench child into one self-contained ESM file run by plain `node`, as a shipped CLI would be, so the
 * memory it reports is the engine's and not the tsx loader's (about 40 MiB) or a transpiler's.
 * @returns the bundle's path (a temp dir the caller may delete)
 */
export async function bundleChild(script: string): Promise<{ path: string; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), "hoist-bench-bundle-"));
  const path = join(dir, "child.mjs");
  await build({
    entryPoints: [fileURLToPath(new URL(script, import.meta.url))],
    outfile: path,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
    // Bundled CommonJS dependencies still call require() for Node built-ins.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
  return { path, dir };
}
