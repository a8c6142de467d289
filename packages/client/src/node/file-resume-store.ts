import { randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { ResumeRecord, ResumeStore } from "../types";

/** Where the CLI keeps resume records unless told otherwise. */
export function defaultResumeDir(): string {
  return join(homedir(), ".hoist", "resume");
}

const FINGERPRINT = /^[0-9a-f]{64}$/;

function fileOf(dir: string, fingerprint: string): string {
  // Fingerprints are hex digests; anything else would be a path traversal waiting to happen.
  if (!FINGERPRINT.test(fingerprint)) throw new Error(`not a fingerprint: ${fingerprint}`);
  return join(dir, `${fingerprint}.json`);
}

async function readRecord(path: string): Promise<ResumeRecord | undefined> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as ResumeRecord;
  } catch (error) {
    // Missing is normal; a torn or foreign file is treated as no record (the upload starts afresh).
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/**
 * Resume records as one JSON file per fingerprint under `dir` (default `~/.hoist/resume`). Writes go to a temp
 * file renamed over the record, so a crash mid-write never leaves a half record behind.
 */
export function fileResumeStore(dir: string = defaultResumeDir()): ResumeStore {
  return {
    get: async (fingerprint) => readRecord(fileOf(dir, fingerprint)),
    async set(fingerprint, record) {
      const target = fileOf(dir, fingerprint);
      await mkdir(dir, { recursive: true });
      const temp = `${target}.${randomUUID()}.tmp`;
      await writeFile(temp, JSON.stringify(record, null, 2), { mode: 0o600 });
      await rename(temp, target);
    },
    async delete(fingerprint) {
      await rm(fileOf(dir, fingerprint), { force: true });
    },
    async list() {
      const names = await readdir(dir).catch((error: unknown) => {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
        throw error;
      });
      const records = await Promise.all(names.filter((name) => name.endsWith(".json")).map((name) => readRecord(join(dir, name))));
      return records.filter((record): record is ResumeRecord => record !== undefined);
    },
  };
}
