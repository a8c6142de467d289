import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, testRoutes } from "@hoist/server/testing";
import type { Stack } from "@hoist/server/testing";
import { run } from "../../src/index";
import { fileResumeStore } from "../../src/engine";
import { Capture, jsonLines, randomFile, runCli, tempDir } from "./helpers";
import { SLOW_ROUTE, SLOW_SIZE } from "./slow-route";

/** Starts an upload in-process and aborts its Ctrl-C signal at the first progress event with a part done. */
async function interruptedUpload(path: string, resumeDir: string, conn: string[]): Promise<{ code: number; stderr: string }> {
  const interrupt = new AbortController();
  const stdout = new Capture((text) => {
    if (text.includes('"event":"progress"') && !text.includes('"partsDone":0,')) interrupt.abort();
  });
  const stderr = new Capture();
  const args = ["upload", path, "--json", "--route", "slow", "-c", "1", "--resume-dir", resumeDir, ...conn];
  const code = await run(args, { stdout, stderr, env: {}, signal: interrupt.signal });
  return { code, stderr: stderr.text() };
}

describe("hoist resume", () => {
  let stack: Stack;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let conn: string[];
  let resumeDir: string;

  beforeAll(async () => {
    stack = await startStack("pglite", { routes: (s3) => testRoutes(s3, SLOW_ROUTE) });
    tmp = await tempDir("hoist-cli-resume-");
    conn = ["--server", stack.api.url, "--token", await stack.api.token("cli-resume")];
    resumeDir = `${tmp.dir}/resume`;
  });
  afterAll(async () => {
    await stack.close();
    await tmp.remove();
  });

  it("says so when there is nothing to resume", async () => {
    const ran = await runCli(["resume", "--resume-dir", resumeDir]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain("nothing to resume");
  });

  it("resumes records whose file exists, shows the others, and --forget drops them", async () => {
    const kept = await tmp.file("kept.bin", randomFile(SLOW_SIZE));
    const gone = await tmp.file("gone.bin", randomFile(SLOW_SIZE));
    expect((await interruptedUpload(kept, resumeDir, conn)).code).toBe(130);
    expect((await interruptedUpload(gone, resumeDir, conn)).code).toBe(130);
    await rm(gone);
    expect(await fileResumeStore(resumeDir).list()).toHaveLength(2);

    const listed = await runCli(["resume", "--list", "--resume-dir", resumeDir, ...conn]);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toMatch(/resume .+kept\.bin/);
    expect(listed.stderr).toMatch(/skip: file is gone .+gone\.bin/);

    const resumed = await runCli(["resume", "--json", "--resume-dir", resumeDir, ...conn]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const events = jsonLines(resumed.stdout);
    expect(events.find((e) => e.event === "skipped")).toMatchObject({ file: gone, reason: "file is gone" });
    expect(events.at(-1)).toMatchObject({ event: "done", file: kept });
    expect(events.at(-1)!.partsResumed).toBeGreaterThan(0);
    expect((await fileResumeStore(resumeDir).list()).map((r) => r.path)).toEqual([gone]);

    const forgot = await runCli(["resume", "--forget", "--resume-dir", resumeDir, ...conn]);
    expect(forgot.code).toBe(0);
    expect(forgot.stderr).toContain(`forgot ${gone}`);
    expect(await fileResumeStore(resumeDir).list()).toEqual([]);
  });
});
