import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { CliError } from "../cli-error";

async function problemWith(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) return `${path}: is a directory; name the files in it (e.g. ${path}/*)`;
    // Sources read parts by offset and need the size up front: pipes and devices cannot give either.
    if (!info.isFile()) return `${path}: not a regular file`;
    await access(path, constants.R_OK);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return `${path}: no such file`;
    if (code === "EACCES" || code === "EPERM") return `${path}: not readable (permission denied)`;
    return `${path}: cannot be read (${code ?? String(error)})`;
  }
}

/**
 * Checks every path before anything is sent: each must be a readable regular file. All problems are reported
 * together (a usage error, exit 2). Returns the paths without repeats: the same file twice would race on one
 * resume record.
 */
export async function checkFiles(paths: readonly string[]): Promise<string[]> {
  const problems = (await Promise.all(paths.map(problemWith))).filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new CliError(problems.join("\n"));
  const seen = new Set<string>();
  return paths.filter((path) => {
    const key = resolve(path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
