import { defineProject, mergeConfig } from "vitest/config";
import { hoistProject } from "@hoist/vitest-config";

// Packing takes a build (tsc for the declarations): once per run, in the global setup, not per test file.
export default mergeConfig(hoistProject("packaging"), defineProject({ test: { globalSetup: ["./test/global-setup.ts"] } }));
