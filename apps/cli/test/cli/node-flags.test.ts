import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { CLI_NODE_FLAGS } from "../../src/node-flags";

const read = (path: string) => readFile(new URL(path, import.meta.url), "utf8");

// The flags live in three places that cannot import a constant: each must carry all of them.
describe("the CLI's Node flags", () => {
  it("are passed by root `pnpm hoist`, the package's `hoist` script and the shebang of src/main.ts", async () => {
    const root = JSON.parse(await read("../../../../package.json")) as { scripts: Record<string, string> };
    const cli = JSON.parse(await read("../../package.json")) as { scripts: Record<string, string> };
    const shebang = (await read("../../src/main.ts")).split("\n")[0]!;
    expect(CLI_NODE_FLAGS.length).toBeGreaterThan(0);
    for (const flag of CLI_NODE_FLAGS) {
      expect(root.scripts.hoist).toContain(flag);
      expect(cli.scripts.hoist).toContain(flag);
      expect(shebang).toContain(flag);
    }
  });
});
