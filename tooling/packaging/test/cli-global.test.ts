import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "./support/run";
import { startPackagingStack } from "./support/stack";
import type { PackagingStack } from "./support/stack";

// `npm i -g` from the CLI's tarball, into a prefix of the test's own: the `hoist` a person or a CI job installs.
describe("the hoist executable, installed globally by npm from its tarball", () => {
  let stack: PackagingStack;
  let prefix: string;
  const hoist = (args: string[], env: Record<string, string> = {}) =>
    run(join(prefix, "bin", "hoist"), args, { cwd: stack.work, env: { PATH: process.env.PATH ?? "", HOME: stack.work, ...env } });

  beforeAll(async () => {
    stack = await startPackagingStack();
    prefix = join(stack.work, "global");
    const cli = stack.tarballs.find((tarball) => tarball.name === "@hoist/cli");
    const installed = await run("npm", ["install", "-g", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", cli?.file ?? "missing"], {
      cwd: stack.work,
    });
    expect(installed.stderr).toBe("");
  }, 600_000);
  afterAll(() => stack.close());

  it("is one file with nothing to install beside it: no dependencies, no tsx, no workspace package", async () => {
    const dir = join(prefix, "lib", "node_modules", "@hoist", "cli");
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as { dependencies?: object; devDependencies?: object; bin: object };
    expect([manifest.dependencies, manifest.devDependencies]).toEqual([undefined, undefined]);
    expect(manifest.bin).toEqual({ hoist: "./dist/hoist.js" });
    expect(existsSync(join(dir, "node_modules"))).toBe(false);
    const code = await readFile(join(dir, "dist", "hoist.js"), "utf8");
    expect(code.split("\n")[0]).toBe("#!/usr/bin/env -S node --max-semi-space-size=2");
    expect(code).not.toMatch(/from "(?:@hoist\/|tsx)/);
  });

  it("prints its help", async () => {
    const help = await hoist(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: hoist \[options\] \[command\]/);
    expect(help.stdout).toContain("upload [options] <files...>");
  });

  it("uploads a file that the server stores byte for byte", async () => {
    const file = await stack.file("cli-upload.bin", 2 * stack.floor + 5);
    const env = { HOIST_SERVER_URL: stack.harness.url, HOIST_TOKEN: await stack.harness.token("cli-user"), HOIST_RESUME_DIR: join(stack.work, "resume") };
    const upload = await hoist(["upload", file.path, "--json"], env);
    expect(upload.stderr).toBe("");
    expect(upload.code).toBe(0);
    const done = upload.stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line) as { event: string; fileId?: string }).find((event) => event.event === "done");
    expect(done?.fileId).toBeDefined();
    expect(await stack.storedSha256("cli-user", done?.fileId ?? "")).toBe(file.sha256);
  });
});
