// One flat config for every package: typescript-eslint's type-checked rules via the project service,
// so each package lints against its own tsconfig.json without a list of projects to keep in sync.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { browserSafe, nodeFolders, restrictedImports, restrictedNodeGlobals } from "./import-graph.js";

const tests = ["**/*.test.ts", "**/*.test.tsx", "test/**", "bench/**"];
const source = ["src/**/*.ts", "src/**/*.tsx"];

const base = tseslint.config(
  { ignores: ["dist/**", "node_modules/**", ".turbo/**", "coverage/**", "*.config.*"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    files: ["**/*.test.ts", "**/test/**/*.ts", "**/bench/**/*.ts"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    // House rule: files <= 200 lines, functions <= 40, one idea each (tests and benchmarks are exempt).
    files: source,
    ignores: tests,
    rules: {
      "max-lines": ["error", { max: 200, skipBlankLines: true, skipComments: true }],
      "max-lines-per-function": ["error", { max: 40, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
);

export default base;

const dynamicHoistImports = ["ImportExpression[source.value=/^@hoist\\u002F/]", "TSImportType[argument.literal.value=/^@hoist\\u002F/]"].map(
  (selector) => ({ selector, message: "Import @hoist packages statically, so the import-graph rule checks them." }),
);

/**
 * The import-graph rules of tooling/eslint/import-graph.js for package `name`, to layer on `base`.
 * @param {string} name package name, e.g. "@hoist/client"
 */
export function importGraph(name) {
  const browser = browserSafe.includes(name);
  const node = nodeFolders[name] ?? [];
  return [
    {
      rules: {
        "@typescript-eslint/no-restricted-imports": restrictedImports(name, {}),
        // The rule above sees only static imports: keep ours static so none slips past it.
        "no-restricted-syntax": ["error", ...dynamicHoistImports],
      },
    },
    { files: tests, rules: { "@typescript-eslint/no-restricted-imports": restrictedImports(name, { test: true }) } },
    { files: ["build.ts"], rules: { "@typescript-eslint/no-restricted-imports": restrictedImports(name, { build: true }) } },
    ...(browser
      ? [
          {
            files: source,
            ignores: [...tests, ...node],
            rules: {
              "@typescript-eslint/no-restricted-imports": restrictedImports(name, { browser: true }),
              "no-restricted-globals": restrictedNodeGlobals,
            },
          },
        ]
      : []),
  ];
}

/**
 * The config for the package whose eslint.config.js sits in `dir`: `base` plus that package's import graph.
 * @param {string} dir the package folder (`import.meta.dirname`)
 */
export function packageConfig(dir) {
  const { name } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  return [...base, ...importGraph(name)];
}
