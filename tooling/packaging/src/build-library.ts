import { copyFile, rm } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { buildJs } from "./build-js";
import { buildTypes } from "./build-types";
import type { TypesBuild } from "./build-types";
import { readManifest } from "./workspace";

/** What a library's build.ts says about it. */
export interface LibraryOptions {
  /** The package directory (the build script's `import.meta.dirname`). */
  dir: string;
  /** Output name -> source file relative to `dir`: `dist/<name>.js` and `dist/<name>.d.ts`. */
  entries: Record<string, string>;
  /** Private workspace packages compiled into the output, JS and types. */
  bundled: readonly string[];
  router: TypesBuild["router"];
  /** Files copied as they are into dist (e.g. a stylesheet). */
  assets?: readonly string[];
}

/**
 * Builds a source-first library into `dist/` as its tarball publishes it (`publishConfig.exports` points there):
 * ESM by esbuild and declarations by tsc + rollup-plugin-dts, private workspace packages inlined in both.
 */
export async function buildLibrary(options: LibraryOptions): Promise<void> {
  const outdir = join(options.dir, "dist");
  await rm(outdir, { recursive: true, force: true });
  const entries = Object.fromEntries(Object.entries(options.entries).map(([name, file]) => [name, resolve(options.dir, file)]));
  const manifest = readManifest(options.dir);
  await buildJs({ manifest, entries, outdir, bundled: options.bundled, platform: "neutral" });
  await buildTypes({ dir: options.dir, entries, outdir, bundled: options.bundled, router: options.router });
  for (const asset of options.assets ?? []) await copyFile(join(options.dir, asset), join(outdir, basename(asset)));
}
