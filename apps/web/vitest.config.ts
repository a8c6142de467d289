import { hoistProject } from "@hoist/vitest-config";
import { mergeConfig } from "vitest/config";

// Node environment: the end-to-end tests run in Node and drive real Chromium against the real server. The web app
// is built once for all of them (global setup), as `pnpm start` builds it before the server serves it.
export default mergeConfig(hoistProject("web"), {
  test: { globalSetup: ["test/support/global-setup.ts"], testTimeout: 180_000, hookTimeout: 180_000 },
});
