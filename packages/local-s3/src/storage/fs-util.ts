import { link, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { paths } from "./paths";

/** Reads a JSON file, or null when it does not exist. */
export async function readJson<T>(file: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/**
 * Publishes JSON atomically (temp file, then rename). With `exclusive`, publishing fails with false instead of
 * replacing an existing file: link() is the atomic create-if-absent that rename() is not.
 */
export async function writeJsonAtomic(root: string, file: string, value: unknown, exclusive = false): Promise<boolean> {
  const tmp = paths.tmp(root);
  await writeFile(tmp, JSON.stringify(value));
  await mkdir(dirname(file), { recursive: true });
  if (!exclusive) {
    await rename(tmp, file);
    return true;
  }
  try {
    await link(tmp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(tmp, { force: true });
  }
}

/** True for ENOENT-style errors. */
export function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}
