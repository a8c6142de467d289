/**
 * `pnpm --filter @hoist/server build`: bundles `src/main.ts` (`pnpm start`), `src/sweep.ts` (`pnpm sweep`) and
 * `src/setup-storage.ts` (`pnpm setup-storage`)
 * into `dist/` as ESM for Node 20, so production runs on plain `node` without tsx compiling on the fly. Extra
 * entries (paths from this directory, e.g. `bench/load-server.ts`) are bundled beside them the same way, as
 * `dist/<file name>.js`: the load bench runs its server entry exactly as `pnpm start` runs `main.js`.
 */
import { readFile } from "node:fs/promises";
import { basename, dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Plugin } from "esbuild";

const serverDir = dirname(fileURLToPath(import.meta.url));
const outdir = `${serverDir}/dist`;

/**
 * The bundle runs in place (`apps/server/dist`), and our sources find files beside them from their own
 * `import.meta.url`: `main.ts` the web build, `@hoist/db` its migrations. Each of our files keeps its own URL,
 * made relative to the bundle, so those paths stay right without baking in where the repo was checked out.
 */
const ownImportMetaUrl: Plugin = {
  name: "own-import-meta-url",
  setup(on) {
    on.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
      if (path.includes("/node_modules/")) return undefined;
      const source = await readFile(path, "utf8");
      const fromBundle = JSON.stringify(relative(outdir, path));
      return { contents: source.replaceAll("import.meta.url", `new URL(${fromBundle}, import.meta.url).href`), loader: "ts" };
    });
  },
};

const extra = process.argv.slice(2).map((path) => [basename(path, ".ts"), resolve(serverDir, path)]);

await build({
  entryPoints: { main: `${serverDir}/src/main.ts`, sweep: `${serverDir}/src/sweep.ts`, "setup-storage": `${serverDir}/src/setup-storage.ts`, ...Object.fromEntries(extra) },
  outdir,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // One shared chunk: main and sweep load the same code once each, not a copy per entry.
  splitting: true,
  sourcemap: true,
  // PGlite loads its wasm and data files from beside its own module, so it stays in node_modules.
  // pg-native is pg's optional native driver, never installed here.
  external: ["@electric-sql/pglite", "pg-native"],
  // Bundled CommonJS dependencies still call `require` for Node built-ins; ESM has none of its own.
  banner: { js: 'import { createRequire as __hoistRequire } from "node:module"; const require = __hoistRequire(import.meta.url);' },
  plugins: [ownImportMetaUrl],
  logLevel: "warning",
});
