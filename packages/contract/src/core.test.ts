import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));

/** Relative imports of a source file, as written. */
async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(join(here, file), "utf8");
  return [...text.matchAll(/^(?:import|export)[^;"']*?\bfrom\s*["']([^"']+)["']/gm)].map((match) => match[1] ?? "");
}

describe("@hoist/contract/core", () => {
  it("pulls in no zod, directly or through the files it re-exports (browser bundles stay small)", async () => {
    const seen = new Set<string>();
    const queue = ["core.ts"];
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      if (seen.has(file)) continue;
      seen.add(file);
      for (const spec of await importsOf(file)) {
        expect(spec, `${file} imports ${spec}`).toMatch(/^\.\//);
        queue.push(join(dirname(file), spec.replace(/\.js$/, ".ts")));
      }
    }
    expect([...seen].sort()).toEqual([
      "core.ts",
      "enums.ts",
      "errors.ts",
      "limits.ts",
      "part-range.ts",
      "plan-parts.ts",
      "session-plan.ts",
      "size.ts",
    ]);
  });
});
