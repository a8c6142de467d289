import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PUBLISHED } from "../src/pack";
import { repoRoot } from "../src/workspace";
import { run } from "./support/run";

interface Release {
  name: string;
  /** "none": a dependant whose version stays (the private web app's range on @hoist/react). */
  type: string;
  newVersion: string;
}

// Versions come from changesets: the published packages move as one fixed group, private ones are never versioned.
describe("release versions (changesets)", () => {
  it("the config groups exactly the published packages, and the pending release plan bumps only them, to one version", async () => {
    const config = JSON.parse(await readFile(join(repoRoot, ".changeset/config.json"), "utf8")) as { fixed: string[][]; privatePackages: { version: boolean } };
    expect(config.fixed).toEqual([[...PUBLISHED]]);
    expect(config.privatePackages.version).toBe(false);
    const dir = await mkdtemp(join(tmpdir(), "hoist-changesets-"));
    try {
      const bin = join(repoRoot, "node_modules/@changesets/cli/bin.js");
      const status = await run(process.execPath, [bin, "status", "--output", join(dir, "plan.json")], { cwd: repoRoot });
      expect(status.code, status.stderr).toBe(0);
      const plan = JSON.parse(await readFile(join(dir, "plan.json"), "utf8")) as { releases: Release[] };
      const bumped = plan.releases.filter((r) => r.type !== "none");
      expect(bumped.map((r) => r.name).filter((name) => !PUBLISHED.includes(name as never))).toEqual([]);
      // A fixed group: whatever is pending, the three are released together at one version.
      if (bumped.length > 0) {
        expect(bumped.map((r) => r.name).sort()).toEqual([...PUBLISHED].sort());
        expect(new Set(bumped.map((r) => r.newVersion)).size).toBe(1);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
