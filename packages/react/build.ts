/** `pnpm --filter @hoist/react build:package`: the publishable `dist/` (see @hoist/packaging). */
import { buildLibrary } from "@hoist/packaging";

await buildLibrary({
  dir: import.meta.dirname,
  entries: { index: "src/index.ts" },
  bundled: ["@hoist/contract"],
  // The router type ships once, with the engine that takes its client.
  router: { importFrom: "@hoist/client/router" },
  assets: ["src/styles.css"],
});
