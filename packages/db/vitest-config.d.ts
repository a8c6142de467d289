// @hoist/vitest-config is plain JS without a .d.ts; this keeps `tsc` strict here until tooling ships its types.
declare module "@hoist/vitest-config" {
  import type { UserWorkspaceConfig } from "vitest/config";

  /** Shared vitest project settings; see tooling/vitest/index.js. */
  export function hoistProject(name: string): UserWorkspaceConfig;
}
