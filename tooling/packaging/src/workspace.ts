import { readFileSync, realpathSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, resolve } from "node:path";

/** The fields of a package.json the build reads. */
export interface Manifest {
  name: string;
  version: string;
  exports?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/** The repo root: where pnpm-workspace.yaml is, above this file. */
export const repoRoot = resolve(dirname(new URL(import.meta.url).pathname), "../../..");

/**
 * Every import specifier a source-first workspace package answers, mapped to its source file: `@hoist/contract`
 * and `@hoist/contract/core` for `@hoist/contract`. Found through the importer's own node_modules link.
 */
export function sourceEntries(importerDir: string, name: string): Record<string, string> {
  const dir = realpathSync(join(importerDir, "node_modules", name));
  const exports = readManifest(dir).exports ?? {};
  return Object.fromEntries(Object.entries(exports).map(([key, file]) => [join(name, key), resolve(dir, file)]));
}

const builtins = new Set(builtinModules);

/** The package an import specifier names: `@scope/name` or `name`, without a subpath. */
export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/**
 * Why a bare import left outside the bundle would fail where the tarball is installed, or undefined when it is
 * a Node built-in or a package the manifest declares (dependencies or peerDependencies).
 */
export function undeclaredImport(manifest: Manifest, specifier: string): string | undefined {
  if (specifier.startsWith("node:") || builtins.has(specifier)) return undefined;
  const name = packageOf(specifier);
  if (manifest.dependencies?.[name] !== undefined || manifest.peerDependencies?.[name] !== undefined) return undefined;
  return `${manifest.name} imports ${specifier} at run time but declares no dependency on ${name}`;
}
