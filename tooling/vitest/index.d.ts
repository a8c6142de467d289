import type { UserWorkspaceConfig } from "vitest/config";

/** Shared vitest project settings for a Hoist package; `name` labels the project in test output. */
export declare function hoistProject(name: string): UserWorkspaceConfig;
