// DESIGN.md "Imports run one way", as data the lint enforces. Each package's source may import the packages it
// lists (the closure of the arrows, so apps/server may name @hoist/contract directly) and nothing else of ours.
import { builtinModules } from "node:module";

/** @type {Record<string, string[]>} */
export const sourceImports = {
  "@hoist/contract": [],
  // CRC64NVME (streaming, combining, base64): the engine, the API and the embedded store compute it alike.
  "@hoist/checksums": [],
  "@hoist/local-s3": ["@hoist/checksums"],
  "@hoist/db": ["@hoist/contract"],
  "@hoist/browser-testing": [],
  "@hoist/bench": [],
  "@hoist/s3-core": ["@hoist/contract"],
  "@hoist/api": ["@hoist/contract", "@hoist/checksums", "@hoist/s3-core", "@hoist/db"],
  // A generic S3 server: the host starts it when no S3 is configured.
  "@hoist/server": ["@hoist/contract", "@hoist/checksums", "@hoist/s3-core", "@hoist/db", "@hoist/api", "@hoist/local-s3"],
  "@hoist/client": ["@hoist/contract", "@hoist/checksums"],
  "@hoist/react": ["@hoist/contract", "@hoist/checksums", "@hoist/client"],
  "@hoist/web": ["@hoist/contract", "@hoist/checksums", "@hoist/client", "@hoist/react"],
  "@hoist/cli": ["@hoist/contract", "@hoist/checksums", "@hoist/client"],
  // Builds and tests the published tarballs; its tests run the real stack like any package's.
  "@hoist/packaging": [],
};

/** tRPC's end-to-end typing: callers name `AppRouter` from @hoist/api; `import type` is erased, so no server code ships. */
export const typeOnlyImports = {
  "@hoist/client": ["@hoist/api"],
  "@hoist/react": ["@hoist/api"],
  "@hoist/web": ["@hoist/api"],
  "@hoist/cli": ["@hoist/api"],
};

/**
 * Tests and benchmarks (`*.test.ts`, `test/**`, `bench/**`) run the real stack instead of mocks, so on top of
 * their package's list they may import its own entries and these harnesses; @hoist/server/testing is the one
 * entry of an app any of them may name.
 */
export const testHarnesses = [
  "@hoist/api",
  "@hoist/server/testing",
  "@hoist/db/testing",
  "@hoist/local-s3",
  "@hoist/browser-testing",
  "@hoist/bench",
];

/** What a package's `build.ts` (its publishable dist/, for `pnpm pack`) may import on top of its own list. */
export const buildTools = ["@hoist/packaging"];

/** Packages whose source must run in a browser: no Node builtins, no Node-only libraries, no Node globals. */
export const browserSafe = ["@hoist/contract", "@hoist/checksums", "@hoist/client", "@hoist/react"];

/** Source folders of a browser-safe package that are Node's by design (`@hoist/client/node`). */
export const nodeFolders = { "@hoist/client": ["src/node/**"] };

const nodeOnlyModules = ["undici", "node-fetch", "@hoist/client/node"];
const nodeGlobals = ["process", "Buffer", "global", "require", "module", "__dirname", "__filename", "setImmediate"];

/** @param {string} s */
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/** A regex matching @hoist/* specifiers except `allowed` packages and their subpaths. */
function othersThan(/** @type {string[]} */ allowed) {
  const names = allowed.map((name) => escape(name.replace(/^@hoist\//, "")));
  return names.length > 0 ? `^@hoist/(?!(?:${names.join("|")})(?:/|$))` : "^@hoist/";
}

/**
 * Options for `@typescript-eslint/no-restricted-imports` on one kind of file of one package.
 * @param {string} name package name
 * @param {{ test?: boolean, browser?: boolean, build?: boolean }} kind
 */
export function restrictedImports(name, { test = false, browser = false, build = false }) {
  const own = sourceImports[name];
  if (!own) throw new Error(`${name} is missing from tooling/eslint/import-graph.js`);
  const typeOnly = typeOnlyImports[name] ?? [];
  const allowed = test ? [...own, name, ...testHarnesses] : build ? [...own, ...buildTools] : own;
  const patterns = [
    {
      regex: othersThan([...allowed, ...typeOnly]),
      message: `DESIGN.md: ${name} ${test ? "tests" : "source"} may import only ${allowed.join(", ") || "no @hoist package"}.`,
    },
  ];
  const typeOnlyHere = typeOnly.filter((dep) => !allowed.includes(dep));
  if (typeOnlyHere.length > 0) {
    patterns.push({
      regex: `^(?:${typeOnlyHere.map(escape).join("|")})(?:/|$)`,
      allowTypeImports: true,
      message: `DESIGN.md: ${name} may use ${typeOnlyHere.join(", ")} for types only (import type).`,
    });
  }
  if (browser) {
    const builtins = builtinModules.filter((m) => !m.startsWith("_")).map(escape).join("|");
    patterns.push(
      { regex: `^(?:node:|(?:${builtins})(?:/|$))`, message: `${name} source runs in browsers: no Node builtins.` },
      { regex: `^(?:${nodeOnlyModules.map(escape).join("|")})(?:/|$)`, message: `${name} source runs in browsers: no Node-only modules.` },
    );
  }
  return ["error", { patterns }];
}

/** `no-restricted-globals` options for browser-safe source (Node types leak in through @trpc/client's .d.ts). */
export const restrictedNodeGlobals = [
  "error",
  ...nodeGlobals.map((name) => ({ name, message: "Browser-safe source: use a web-platform global instead." })),
];
