import { execFileSync } from "node:child_process";
import { mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { repoRoot } from "./workspace";

/** The packages this repo publishes; every other workspace package is private and bundled into these. */
export const PUBLISHED = ["@hoist/client", "@hoist/react", "@hoist/cli"] as const;

/** One packed package. */
export interface Tarball {
  name: string;
  version: string;
  /** Absolute path of the `.tgz`. */
  file: string;
  packedBytes: number;
  /** Sum of the files inside (what `npm install` writes). */
  unpackedBytes: number;
}

/** Sizes of the files in a tarball, from `tar -tvzf` (the third column). */
function unpackedSize(file: string): number {
  const listing = execFileSync("tar", ["-tvzf", file], { encoding: "utf8" });
  return listing.split("\n").reduce((sum, line) => sum + (Number(line.trim().split(/\s+/)[2]) || 0), 0);
}

/** Runs a command quietly; a failure throws with everything it printed. */
function quietly(command: string, args: readonly string[]): string {
  try {
    return execFileSync(command, args, { cwd: repoRoot, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout ?? ""}${stderr ?? ""}`, { cause: error });
  }
}

/**
 * Builds the published packages' dist/ (turbo `build:package`, cached) and packs each with `pnpm pack`, which
 * applies `publishConfig` and turns `workspace:` ranges into the versions: the tarballs `npm publish` would send.
 */
export async function packAll(dest: string): Promise<Tarball[]> {
  await mkdir(dest, { recursive: true });
  const filters = PUBLISHED.flatMap((name) => ["--filter", name]);
  quietly("pnpm", ["exec", "turbo", "run", "build:package", ...filters, "--output-logs=errors-only", "--no-update-notifier"]);
  const tarballs: Tarball[] = [];
  for (const name of PUBLISHED) {
    const output = quietly("pnpm", ["--filter", name, "pack", "--pack-destination", dest, "--json"]);
    const packed = JSON.parse(output) as { name: string; version: string; filename: string };
    const file = packed.filename.startsWith("/") ? packed.filename : join(dest, packed.filename);
    tarballs.push({ name, version: packed.version, file, packedBytes: (await stat(file)).size, unpackedBytes: unpackedSize(file) });
  }
  return tarballs;
}
