import { defineProject, mergeConfig } from "vitest/config";
import { hoistProject } from "@hoist/vitest-config";

export default mergeConfig(hoistProject("eslint-config"), defineProject({ test: { include: ["test/**/*.test.js"] } }));
