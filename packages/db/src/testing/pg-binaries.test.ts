import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { findPostgresBinDir } from "./pg-binaries";

describe("findPostgresBinDir", () => {
  let root: string;
  beforeAll(async () => (root = await mkdtemp(join(tmpdir(), "hoist-pgbin-"))));
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("explains what to do when no Postgres is installed", () => {
    expect(() => findPostgresBinDir(join(root, "absent"))).toThrow(/not found.*HOIST_TEST_SKIP_POSTGRES=1/s);
  });

  it("picks the newest major version that has both initdb and postgres", async () => {
    const installed = { "9": ["initdb", "postgres"], "16": ["initdb", "postgres"], "17": ["initdb"] };
    for (const [version, tools] of Object.entries(installed)) {
      await mkdir(join(root, version, "bin"), { recursive: true });
      for (const tool of tools) await writeFile(join(root, version, "bin", tool), "");
    }
    expect(findPostgresBinDir(root)).toBe(join(root, "16", "bin"));
  });
});
