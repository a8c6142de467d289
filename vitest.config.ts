import { defineConfig } from "vitest/config";

// CI asks for a JSON report next to the usual output (to count every test it ran) with HOIST_VITEST_JSON=<file>:
// `pnpm test --reporter=...` would be taken by pnpm itself, so the README's plain `pnpm test` stays the command.
const jsonReport = process.env.HOIST_VITEST_JSON;

// One `pnpm test` runs every workspace package that has a vitest.config.ts.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts", "tooling/*/vitest.config.js"],
    // Most test files wait on servers, Postgres, S3 and Chromium rather than compute: three files at once on two
    // cores took `pnpm test` from 7.5 to 4.8 minutes here (vitest's default is one worker per core less one).
    maxWorkers: 3,
    reporters: jsonReport ? ["default", "json"] : ["default"],
    ...(jsonReport && { outputFile: { json: jsonReport } }),
  },
});
