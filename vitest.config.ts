import { defineConfig } from "vitest/config";

// One `pnpm test` runs every workspace package that has a vitest.config.ts.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts", "apps/*/vitest.config.ts"],
    reporters: ["default"],
  },
});
