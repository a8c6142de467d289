import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { packAll } from "../src/pack";
import type { Tarball } from "../src/pack";

/**
 * Builds and packs the published packages once for the whole project, into a temp dir outside the workspace:
 * test files run in parallel, and two builds at once would write the same dist/ folders.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "hoist-tarballs-"));
  project.provide("tarballs", await packAll(dir));
  return () => rm(dir, { recursive: true, force: true });
}

declare module "vitest" {
  export interface ProvidedContext {
    tarballs: Tarball[];
  }
}
