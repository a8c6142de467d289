/**
 * `@hoist/browser-testing`: real headless Chromium for Hoist's browser tests and benches (playwright-core driving
 * Debian's /usr/bin/chromium), a loopback file server for test pages, and an esbuild bundler for test entries.
 */
export { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium, skipBrowser, type LaunchedChromium } from "./chromium";
export { closeServer, serveFiles, type FileServer, type ServedFile } from "./static-server";
export { bundleForBrowser } from "./bundle";
