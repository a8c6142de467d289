import { hoistProject } from "@hoist/vitest-config";

export default hoistProject("s3-core");
