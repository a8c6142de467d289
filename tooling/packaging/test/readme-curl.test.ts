import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../src/workspace";
import { run } from "./support/run";
import { startServerStack } from "./support/stack";
import type { ServerStack } from "./support/stack";

/** The root README's "From other languages" script, exactly as a reader copies it. */
async function readmeScript(): Promise<string> {
  const readme = await readFile(join(repoRoot, "README.md"), "utf8");
  const script = /^## From other languages\n[\s\S]*?^```bash\n([\s\S]*?)^```$/m.exec(readme)?.[1];
  if (script === undefined) throw new Error("README.md has no ```bash block under '## From other languages'");
  return script;
}

const missing = ["bash", "curl", "jq", "dd"].filter((tool) => {
  try {
    execFileSync("sh", ["-c", `command -v ${tool}`], { stdio: "ignore" });
    return false;
  } catch {
    return true;
  }
});

// Skipped only off CI when a tool is missing (`apt-get install jq`); CI runs it, so the README cannot rot.
describe.skipIf(missing.length > 0 && process.env.CI === undefined)(`the README's curl upload (needs ${missing.join(", ") || "bash, curl, jq"})`, () => {
  let stack: ServerStack;
  let script: string;

  beforeAll(async () => {
    stack = await startServerStack();
    script = join(stack.work, "upload.sh");
    await writeFile(script, await readmeScript());
  });
  afterAll(() => stack.close());

  it.each([
    ["three parts", "report.bin", 2.5],
    ["a single PUT", "note.txt", 0.3],
  ])("uploads %s, stored byte for byte", async (_, name, floors) => {
    const size = Math.round(floors * stack.floor);
    const file = await stack.file(name, size);
    const env = { PATH: process.env.PATH ?? "", HOIST_SERVER_URL: stack.harness.url, HOIST_TOKEN: await stack.harness.token("curl-user") };
    const upload = await run("bash", [script, file.path, "application/octet-stream"], { cwd: stack.work, env });
    expect(upload.stderr).toBe("");
    expect(upload.code).toBe(0);
    const record = JSON.parse(upload.stdout) as { id: string; name: string; size: number };
    expect(record).toMatchObject({ name, size });
    expect(await stack.storedSha256("curl-user", record.id)).toBe(file.sha256);
  });
});
