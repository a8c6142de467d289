import { hoistProject } from "@hoist/vitest-config";

export default hoistProject("checksums");
