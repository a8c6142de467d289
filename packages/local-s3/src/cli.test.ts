import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = join(import.meta.dirname, "cli.ts");
const TSX = join(import.meta.dirname, "..", "node_modules", ".bin", "tsx");
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "local-s3-cli-"));
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

/**
 * Runs `local-s3 <args>` (without any LOCAL_S3_* from the caller's env) until it exits or prints its settings;
 * a started server is stopped with SIGTERM, as Ctrl-C would.
 */
async function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("LOCAL_S3_")));
  const child = spawn(TSX, [CLI, "--port", "0", "--data-dir", dataDir, ...args], { env: { ...clean, ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.includes("HOIST_S3_PROVIDER=local")) child.kill("SIGTERM");
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

describe("pnpm s3 (local-s3 CLI): the public development keys only on loopback", () => {
  it("refuses a non-loopback --host without keys, naming the flags that fix it", async () => {
    const out = await run(["--host", "0.0.0.0"]);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("--host 0.0.0.0 is reachable from other machines");
    expect(out.stderr).toContain("--access-key-id and --secret-access-key");
    expect(out.stdout).toBe("");
  });

  it("refuses a non-loopback LOCAL_S3_HOST with only one of the two keys", async () => {
    const out = await run([], { LOCAL_S3_HOST: "0.0.0.0", LOCAL_S3_ACCESS_KEY_ID: "mine" });
    expect(out.code).toBe(2);
    expect(out.stderr).toContain("reachable from other machines");
  });

  it("starts on a non-loopback host when both keys are given, and prints them", async () => {
    const out = await run(["--host", "0.0.0.0", "--access-key-id", "my-key", "--secret-access-key", "my-secret-0123456789"]);
    expect(out.stdout).toContain("HOIST_S3_ACCESS_KEY_ID=my-key");
    expect(out.stdout).toContain("HOIST_S3_SECRET_ACCESS_KEY=my-secret-0123456789");
    expect(out.code).toBe(0);
  });

  it("starts on loopback with the development keys", async () => {
    const out = await run(["--host", "127.0.0.1"]);
    expect(out.stdout).toContain("HOIST_S3_ACCESS_KEY_ID=hoist-dev-access-key");
    expect(out.code).toBe(0);
  });
});
