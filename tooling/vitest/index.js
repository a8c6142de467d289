import { defineProject } from "vitest/config";

/**
 * Shared vitest project settings. Integration tests start real servers on loopback, so the default 5 s
 * timeout is raised; nothing here is timed for speed (benchmarks live in `pnpm bench`).
 * Plain JS so vitest can load it from node_modules without a TS loader.
 * @param {string} name vitest project name, shown in test output
 */
export function hoistProject(name) {
  return defineProject({
    test: {
      name,
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
      environment: "node",
    },
  });
}
