import { packageConfig } from "@hoist/eslint-config/base";

export default packageConfig(import.meta.dirname);
