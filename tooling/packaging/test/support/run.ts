import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../src/workspace";

/** How a command ended; tests assert on it instead of catching. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (no shell), never throwing on a non-zero exit. */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== "number") reject(new Error(`${command} did not run: ${error.message}`, { cause: error }));
      else resolve({ code: typeof error?.code === "number" ? error.code : 0, stdout, stderr });
    });
    if (options.input !== undefined) child.stdin?.end(options.input);
  });
}

/** The version of `name` this workspace tests with (as `packageDir` resolves it), for the outside project to match. */
export function workspaceVersion(packageDir: string, name: string): string {
  const manifest = join(repoRoot, packageDir, "node_modules", name, "package.json");
  return (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
}

/**
 * `npm install` in `dir`, outside the workspace: only the public registry and the given tarballs, as a service
 * that found Hoist on npm would install it (no pnpm, no workspace links).
 */
export async function npmInstall(dir: string, args: readonly string[] = []): Promise<void> {
  const outcome = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...args], { cwd: dir });
  if (outcome.code !== 0) throw new Error(`npm install failed in ${dir}:\n${outcome.stderr}`);
}
