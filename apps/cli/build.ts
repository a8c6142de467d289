/**
 * `pnpm --filter @hoist/cli build:package`: the `hoist` executable the tarball ships, `dist/hoist.js`: one ESM
 * file with every dependency inside (nothing to install but the file, no tsx, no workspace package), started by
 * plain node with the CLI's own flags. `pnpm hoist` in the repo still runs the source through tsx.
 */
import { chmod, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { buildJs } from "@hoist/packaging";
import { readManifest } from "@hoist/packaging/workspace";
import { CLI_NODE_FLAGS } from "./src/node-flags";

const outdir = join(import.meta.dirname, "dist");
const bin = join(outdir, "hoist.js");
await rm(outdir, { recursive: true, force: true });
await buildJs({
  manifest: readManifest(import.meta.dirname),
  entries: { hoist: join(import.meta.dirname, "src/main.ts") },
  outdir,
  bundled: "all",
  platform: "node",
  // Bundled CommonJS dependencies still call `require` for Node built-ins; ESM has none of its own.
  banner: 'import { createRequire as __hoistRequire } from "node:module"; const require = __hoistRequire(import.meta.url);',
});
// esbuild keeps the source's shebang (tsx); the executable runs on node, `env -S` passing the flags.
const code = (await readFile(bin, "utf8")).replace(/^#!.*\n/, "");
await writeFile(bin, `#!/usr/bin/env -S node ${CLI_NODE_FLAGS.join(" ")}\n${code}`);
await chmod(bin, 0o755);
