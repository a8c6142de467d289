import { skipBrowser } from "@hoist/browser-testing";
import { buildWebApp } from "./build-web";
import { artifactsDir } from "./paths";

/** Vitest global setup of the web project: build the app once for every end-to-end file, say where artifacts go. */
export default async function setup(): Promise<void> {
  if (skipBrowser()) return;
  await buildWebApp();
  console.log(`web end-to-end screenshots: ${artifactsDir()}`);
}
