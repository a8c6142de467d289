/**
 * `@hoist/packaging`: builds the published packages (`@hoist/client`, `@hoist/react`, `@hoist/cli`) into tarballs
 * that install outside this workspace, and the tests that install them so.
 */
export { buildLibrary, type LibraryOptions } from "./build-library";
export { buildJs, type JsBuild } from "./build-js";
