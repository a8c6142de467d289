/** `pnpm --filter @hoist/client build:package`: the publishable `dist/` (see @hoist/packaging). */
import { buildLibrary } from "@hoist/packaging";

await buildLibrary({
  dir: import.meta.dirname,
  entries: { index: "src/index.ts", node: "src/node/index.ts", browser: "src/browser/index.ts", router: "src/router.ts" },
  bundled: ["@hoist/contract", "@hoist/checksums"],
  router: "build",
});
