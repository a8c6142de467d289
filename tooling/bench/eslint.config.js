import base from "@hoist/eslint-config/base";

export default base;
