import { execFileSync } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { rollup } from "rollup";
import type { Plugin } from "rollup";
import { dts } from "rollup-plugin-dts";
import { publicRouterSource } from "./public-router";
import { repoRoot, sourceEntries } from "./workspace";

/** Options of {@link buildTypes}. */
export interface TypesBuild {
  dir: string;
  /** Output name -> source file (absolute). */
  entries: Record<string, string>;
  outdir: string;
  /** Workspace packages whose declarations are inlined (their JS is bundled too). */
  bundled: readonly string[];
  /** Where the router type (`@hoist/api`) ships: in this package's own `router` entry, or an import of another's. */
  router: "build" | { importFrom: string };
}

/** What tsc compiles: import specifier -> source file, the router type and the bundled packages. */
type Paths = Record<string, string>;

/** tsc writes declarations for the entries and everything `paths` maps (the public router, bundled packages). */
async function emitDeclarations(options: TypesBuild, work: string, paths: Paths): Promise<void> {
  const tsconfig = {
    extends: join(options.dir, "tsconfig.json"),
    compilerOptions: {
      noEmit: false,
      declaration: true,
      emitDeclarationOnly: true,
      outDir: join(work, "out"),
      rootDir: repoRoot,
      paths: Object.fromEntries(Object.entries(paths).map(([name, file]) => [name, [file]])),
    },
    include: [],
    files: [...Object.values(options.entries), ...Object.values(paths)],
  };
  await writeFile(join(work, "tsconfig.json"), JSON.stringify(tsconfig));
  const tsc = createRequire(join(options.dir, "package.json")).resolve("typescript/lib/tsc.js");
  execFileSync(process.execPath, [tsc, "-p", join(work, "tsconfig.json")], { stdio: "inherit" });
}

/**
 * Points rollup at the emitted declarations of `paths`; the router's, named or reached by a relative path from an
 * inferred type, go to `router` (a file to inline, or another package to import).
 */
function hoistTypes(paths: Paths, declarationOf: (file: string) => string, router: string | { importFrom: string }): Plugin {
  const routerDeclaration = declarationOf(paths["@hoist/api"] ?? "");
  return {
    name: "hoist-types",
    resolveId(source, importer) {
      const relativeTo = importer !== undefined && source.startsWith(".") ? `${resolve(dirname(importer), source)}.d.ts` : undefined;
      if (source === "@hoist/api" || relativeTo === routerDeclaration) {
        return typeof router === "string" ? router : { id: router.importFrom, external: true };
      }
      const file = paths[source];
      if (file !== undefined) return declarationOf(file);
      // Another package's types: the tarball declares it, so its import stays.
      return /^[^./]/.test(source) ? { id: source, external: true } : null;
    },
  };
}

/**
 * `.d.ts` per entry, with the bundled workspace packages' types inlined (rollup-plugin-dts) and every other
 * package's left as imports: the tarball's types then name only packages it declares. `@hoist/api` means the
 * public router (see public-router.ts) throughout, so no type of the server's context gets written out.
 */
export async function buildTypes(options: TypesBuild): Promise<void> {
  const work = join(options.dir, "dist", ".types");
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  const routerFile = join(work, "public-router.ts");
  const api = sourceEntries(options.dir, "@hoist/api")["@hoist/api"];
  if (api === undefined) throw new Error(`${options.dir}: @hoist/api (the router type) is not a dependency`);
  await writeFile(routerFile, publicRouterSource(api));
  const paths = options.bundled.reduce<Paths>((all, name) => ({ ...all, ...sourceEntries(options.dir, name) }), { "@hoist/api": routerFile });
  await emitDeclarations(options, work, paths);
  const declarationOf = (file: string) => join(work, "out", relative(repoRoot, file)).replace(/\.tsx?$/, ".d.ts");
  const router = options.router === "build" ? declarationOf(routerFile) : options.router;
  const input = Object.fromEntries(Object.entries(options.entries).map(([name, file]) => [name, declarationOf(file)]));
  const bundle = await rollup({
    input,
    plugins: [hoistTypes(paths, declarationOf, router), dts()],
    onwarn: (warning) => {
      throw new Error(warning.message);
    },
  });
  await bundle.write({ dir: options.outdir, format: "es", entryFileNames: "[name].d.ts", chunkFileNames: "chunks/[name]-[hash].d.ts" });
  await bundle.close();
  await rm(work, { recursive: true, force: true });
}
