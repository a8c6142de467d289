import { build } from "esbuild";
import type { BuildOptions, Plugin } from "esbuild";
import { undeclaredImport } from "./workspace";
import type { Manifest } from "./workspace";

/**
 * Workspace packages named in `bundled` are compiled into the output (they are private source); every other
 * bare import stays an import, and must be one the manifest declares.
 */
function externals(manifest: Manifest, bundled: readonly string[] | "all"): Plugin {
  const inside = (path: string) => bundled === "all" || bundled.some((name) => path === name || path.startsWith(`${name}/`));
  return {
    name: "hoist-externals",
    setup(on) {
      on.onResolve({ filter: /^[^./]/ }, ({ path }) => {
        if (inside(path)) return undefined;
        const problem = undeclaredImport(manifest, path);
        if (problem) return { errors: [{ text: problem }] };
        return { path, external: true };
      });
    },
  };
}

/** Options of {@link buildJs}. */
export interface JsBuild {
  manifest: Manifest;
  /** Output name -> source file. */
  entries: Record<string, string>;
  outdir: string;
  /** Packages compiled in; `all`: every package but Node's own (a self-contained executable). */
  bundled: readonly string[] | "all";
  /** `node` for executables (shebang, require shim); `neutral` for libraries that run in both. */
  platform: "node" | "neutral";
  banner?: string;
}

/**
 * ESM for Node 20 and current browsers; entries share chunks (`splitting`), so `@hoist/client` and
 * `@hoist/client/node` load one copy of the engine and `instanceof UploadError` holds across them.
 */
export async function buildJs(options: JsBuild): Promise<void> {
  const config: BuildOptions = {
    entryPoints: options.entries,
    outdir: options.outdir,
    bundle: true,
    format: "esm",
    platform: options.platform,
    target: ["node20", "es2022"],
    splitting: Object.keys(options.entries).length > 1,
    chunkNames: "chunks/[name]-[hash]",
    jsx: "automatic",
    logLevel: "warning",
    plugins: [externals(options.manifest, options.bundled)],
    ...(options.platform === "neutral" && { mainFields: ["module", "main"] }),
    ...(options.banner !== undefined && { banner: { js: options.banner } }),
  };
  await build(config);
}
