import { defineProject, mergeConfig } from "vitest/config";
import { hoistProject } from "@hoist/vitest-config";

// Hooks and components need a DOM: happy-dom. The API they talk to is real, started once in Node by the global
// setup (the server cannot run under happy-dom's globals) and reached over loopback.
export default mergeConfig(
  hoistProject("react"),
  defineProject({
    test: {
      environment: "happy-dom",
      include: ["src/**/*.test.{ts,tsx}", "test/**/*.test.{ts,tsx}"],
      globalSetup: ["./test/global-setup.ts"],
      setupFiles: ["./test/setup.ts"],
    },
  }),
);
