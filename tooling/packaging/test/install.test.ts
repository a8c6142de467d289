import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLISHED } from "../src/pack";
import { npmInstall, run } from "./support/run";
import type { Outcome } from "./support/run";
import { writeServiceProject } from "./support/service";
import { startPackagingStack } from "./support/stack";
import type { PackagingStack } from "./support/stack";

// A service outside this workspace installs @hoist/client and @hoist/react from their tarballs with plain npm
// (third-party packages from the registry), typechecks against the published .d.ts and uploads on plain node.
describe("the published libraries, installed by npm outside the workspace", () => {
  let stack: PackagingStack;
  let project: string;
  // tsc as the service's own build runs it: checks, then writes dist/service.js for node.
  let compiled: Outcome;
  const tsc = (config: string) => run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", config], { cwd: project });

  beforeAll(async () => {
    stack = await startPackagingStack();
    project = join(stack.work, "service");
    await writeServiceProject(project, stack.tarballs);
    await npmInstall(project);
    compiled = await tsc("tsconfig.json");
  }, 600_000);
  afterAll(() => stack.close());

  it("ship only built JS and declarations, depending on no workspace package", async () => {
    for (const tarball of stack.tarballs.filter((t) => t.name !== "@hoist/cli")) {
      const text = await readFile(join(project, "node_modules", tarball.name, "package.json"), "utf8");
      const manifest = JSON.parse(text) as { dependencies?: Record<string, string>; devDependencies?: object; scripts?: object; exports: object };
      // .pnpmfile.cjs drops what only the repo uses (private @hoist/* dev dependencies among them).
      expect([manifest.devDependencies, manifest.scripts]).toEqual([undefined, undefined]);
      const deps = Object.entries(manifest.dependencies ?? {});
      expect(deps.filter(([, range]) => range.startsWith("workspace:"))).toEqual([]);
      // Of ours, only published packages: the private ones are compiled in.
      expect(deps.map(([name]) => name).filter((name) => name.startsWith("@hoist/") && !PUBLISHED.includes(name as never))).toEqual([]);
      expect(JSON.stringify(manifest.exports)).not.toContain("src/");
    }
  });

  it("typecheck a service on the router type and the Node uploader, and a React app", () => {
    expect(compiled.stdout + compiled.stderr).toBe("");
    expect(compiled.code).toBe(0);
  });

  it("ship declarations that pass tsc themselves (skipLibCheck off)", async () => {
    const checked = await tsc("tsconfig.declarations.json");
    const errors = checked.stdout.split("\n").filter((line) => line.includes("error TS"));
    // @trpc/server's WebSocket adapter declarations want `ws` types it does not depend on: not ours to fix.
    expect(errors.filter((line) => !line.startsWith("node_modules/@trpc/server/"))).toEqual([]);
  });

  it("refuse a misspelt procedure and a wrong input at compile time", async () => {
    const mistakes = await tsc("tsconfig.mistakes.json");
    expect(mistakes.code).not.toBe(0);
    expect(mistakes.stdout).toMatch(/mistakes\.ts\(5,\d+\): error TS\d+: Property 'gett' does not exist/);
    expect(mistakes.stdout).toMatch(/mistakes\.ts\(6,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
  });

  it("upload a file on plain node that the server stores byte for byte, and hear of it from files.onCompleted", async () => {
    const size = 3 * stack.floor + 17;
    const file = await stack.file("four-parts.bin", size);
    const token = await stack.harness.token("service-user");
    const service = await run(process.execPath, [join(project, "dist/service.js"), stack.harness.url, token, file.path], { cwd: project });
    expect(service.stderr).toBe("");
    const { stored, events } = JSON.parse(service.stdout) as { stored: { id: string; size: number; name: string }; events: { id: string; fileId: string }[] };
    expect(stored).toMatchObject({ size, name: "four-parts.bin" });
    expect(await stack.storedSha256("service-user", stored.id)).toBe(file.sha256);
    // The same service heard of it from files.onCompleted (SSE through the published router type), exactly once.
    expect(events.filter((event) => event.fileId === stored.id)).toHaveLength(1);
  });
});
