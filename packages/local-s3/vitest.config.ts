import { hoistProject } from "@hoist/vitest-config";

export default hoistProject("local-s3");
