import { spawn } from "node:child_process";
import { join } from "node:path";
import { WEB_DIR } from "./paths";

/**
 * Builds the web app the way `pnpm --filter @hoist/web build` does (`vite build` in apps/web, into `dist/`), as a
 * child process so the build runs exactly as the README's start command runs it. Rejects with vite's output.
 */
export function buildWebApp(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(WEB_DIR, "node_modules/.bin/vite"), ["build", "--logLevel", "warn"], {
      cwd: WEB_DIR,
      env: { ...process.env, NODE_ENV: "production" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`vite build in ${WEB_DIR} exited with ${String(code)}:\n${output}`));
    });
  });
}
