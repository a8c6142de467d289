import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { importGraph } from "../base.js";
import { sourceImports, testHarnesses } from "../import-graph.js";

const root = join(import.meta.dirname, "../../..");
const apps = ["@hoist/server", "@hoist/web", "@hoist/cli"];

/** The rule ids ESLint reports for `code` as the file `file` of package `dir` (e.g. "packages/client"). */
async function problems(dir, file, code) {
  const { name } = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
  const eslint = new ESLint({
    cwd: join(root, dir),
    overrideConfigFile: true,
    overrideConfig: [
      { files: ["**/*.ts", "**/*.tsx"], languageOptions: { parser: tseslint.parser }, plugins: { "@typescript-eslint": tseslint.plugin } },
      ...importGraph(name),
    ],
  });
  const [result] = await eslint.lintText(code, { filePath: join(root, dir, file) });
  return result.messages.map((m) => m.ruleId);
}

const fails = ["@typescript-eslint/no-restricted-imports"];
const passes = [];

describe("the import graph, as ESLint enforces it", () => {
  it.each([
    ["packages/react", "src/x.ts", 'import { buildApp } from "@hoist/server";', fails],
    ["packages/contract", "src/x.ts", 'import { createUploader } from "@hoist/client";', fails],
    ["packages/client", "src/x.ts", 'import { appRouter } from "@hoist/api";', fails],
    ["packages/client", "src/x.ts", 'import { useUploader } from "@hoist/react";', fails],
    ["packages/s3-core", "src/x.ts", 'import { startLocalS3 } from "@hoist/local-s3";', fails],
    ["packages/api", "src/x.ts", 'export { createUploader } from "@hoist/client";', fails],
    ["apps/cli", "src/x.ts", 'import { App } from "@hoist/web";', fails],
    ["packages/client", "test/x.test.ts", 'import { useUploader } from "@hoist/react";', fails],
    ["apps/server", "test/x.test.ts", 'import { App } from "@hoist/web";', fails],
    ["packages/client", "src/x.ts", 'import type { AppRouter } from "@hoist/api";', passes],
    ["packages/react", "src/x.ts", 'import { planParts } from "@hoist/contract/core";\nimport { createUploader } from "@hoist/client";', passes],
    ["apps/server", "src/x.ts", 'import { startLocalS3 } from "@hoist/local-s3";\nimport { appRouter } from "@hoist/api";', passes],
    ["packages/s3-core", "test/x.ts", 'import { startLocalS3 } from "@hoist/local-s3";', passes],
    ["apps/cli", "test/x.test.ts", 'import { startServer } from "@hoist/server/testing";\nimport { run } from "@hoist/cli";', passes],
    ["apps/server", "test/x.test.ts", 'import { testDb } from "@hoist/db/testing";', passes],
    ["packages/client", "src/node/x.ts", 'import { open } from "node:fs/promises";\nimport { fetch } from "undici";', passes],
    // A build.ts (the published dist/) may use the packaging tools; the source it builds may not.
    ["packages/client", "build.ts", 'import { buildLibrary } from "@hoist/packaging";', passes],
    ["apps/cli", "src/x.ts", 'import { buildJs } from "@hoist/packaging";', fails],
    // Browser-safe source: no Node builtins or Node-only modules.
    ["packages/contract", "src/x.ts", 'import { createHash } from "node:crypto";', fails],
    ["packages/client", "src/x.ts", 'import { readFile } from "fs/promises";', fails],
    ["packages/client", "src/browser/x.ts", 'import { fetch } from "undici";', fails],
    ["packages/react", "src/x.tsx", 'import { createNodeUploader } from "@hoist/client/node";', fails],
  ])("%s %s: %s", async (dir, file, code, expected) => {
    expect(await problems(dir, file, code)).toEqual(expected);
  });

  it("fails on dynamic imports of our packages, which the import rule cannot see", async () => {
    const code = 'const api = await import("@hoist/api");\nexport type Api = typeof import("@hoist/api");';
    expect(await problems("packages/db", "src/x.ts", code)).toEqual(["no-restricted-syntax", "no-restricted-syntax"]);
  });

  it("fails on Node globals in the client core, not in src/node or tests", async () => {
    const code = 'export const bytes = Buffer.from("x").length + Number(process.env.N);';
    expect(await problems("packages/client", "src/x.ts", code)).toEqual(["no-restricted-globals", "no-restricted-globals"]);
    expect(await problems("packages/client", "src/node/x.ts", code)).toEqual([]);
    expect(await problems("packages/client", "src/x.test.ts", code)).toEqual([]);
  });
});

describe("the graph itself", () => {
  const packages = ["packages", "apps", "tooling"].flatMap((group) =>
    readdirSync(join(root, group)).map((dir) => JSON.parse(readFileSync(join(root, group, dir, "package.json"), "utf8"))),
  );

  it("lists every workspace package with runtime code, and each one's @hoist dependencies", () => {
    for (const { name, dependencies = {} } of packages.filter((p) => p.scripts?.lint)) {
      expect(sourceImports[name], name).toBeDefined();
      const ours = Object.keys(dependencies).filter((dep) => dep.startsWith("@hoist/"));
      expect(sourceImports[name], name).toEqual(expect.arrayContaining(ours));
    }
  });

  it("has no cycle and no package importing an app", () => {
    const done = new Set();
    const visit = (name, path) => {
      expect(path, `cycle: ${[...path, name].join(" -> ")}`).not.toContain(name);
      if (done.has(name)) return;
      for (const dep of sourceImports[name] ?? []) visit(dep, [...path, name]);
      done.add(name);
    };
    for (const name of Object.keys(sourceImports)) visit(name, []);
    const imported = [...Object.values(sourceImports).flat(), ...testHarnesses];
    expect(imported.filter((dep) => apps.includes(dep))).toEqual([]);
  });
});
