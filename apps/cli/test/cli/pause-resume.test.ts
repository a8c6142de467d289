import { readFile, rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, testRoutes } from "@hoist/server/testing";
import type { Stack } from "@hoist/server/testing";
import { run } from "../../src/index";
import { fileResumeStore } from "../../src/engine";
import { Capture, jsonLines, randomFile, runCli, sha256, spawnCli, tempDir } from "./helpers";
import { SLOW_ROUTE, SLOW_SIZE } from "./slow-route";

/** Starts an upload in-process and aborts its Ctrl-C signal at the first progress event with a part done. */
async function interruptedUpload(path: string, resumeDir: string, conn: string[], extra: string[] = []): Promise<{ code: number; stderr: string }> {
  const interrupt = new AbortController();
  const stdout = new Capture((text) => {
    if (text.includes('"event":"progress"') && !text.includes('"partsDone":0,')) interrupt.abort();
  });
  const stderr = new Capture();
  const args = ["upload", path, "--json", "--route", "slow", "-c", "1", "--resume-dir", resumeDir, ...conn, ...extra];
  const code = await run(args, { stdout, stderr, env: {}, signal: interrupt.signal });
  return { code, stderr: stderr.text() };
}

// One stack for both: starting the API and its database is most of what these tests cost.
let stack: Stack;
let tmp: Awaited<ReturnType<typeof tempDir>>;
let conn: string[];

beforeAll(async () => {
  stack = await startStack("pglite", { routes: (s3) => testRoutes(s3, SLOW_ROUTE) });
  tmp = await tempDir("hoist-cli-pause-");
  conn = ["--server", stack.api.url, "--token", await stack.api.token("cli-pause")];
});
afterAll(async () => {
  await stack.close();
  await tmp.remove();
});

// Ctrl-C as a person gives it: SIGINT to a real `tsx src/main.ts` process mid-upload, then the same command again.
describe("hoist upload: Ctrl-C pauses, the next run resumes", () => {
  it("SIGINT: exit 130, resume record kept; same command again: exit 0, parts resumed, identical bytes", async () => {
    const bytes = randomFile(SLOW_SIZE);
    const path = await tmp.file("big.bin", bytes);
    const resumeDir = `${tmp.dir}/resume`;
    const args = ["upload", path, "--json", "--route", "slow", "--concurrency", "1", "--resume-dir", resumeDir, ...conn];

    const first = spawnCli(args);
    await first.waitForLine((line) => line.includes('"event":"progress"') && !line.includes('"partsDone":0,'));
    first.child.kill("SIGINT");
    expect(await first.exited).toBe(130);
    expect(first.stderr()).toContain("paused — run `hoist resume` (or the same upload command) to continue");
    const paused = jsonLines(first.stdout()).at(-1)!;
    expect(paused).toMatchObject({ event: "paused", file: path });
    expect(paused.bytesConfirmed).toBeLessThan(SLOW_SIZE);
    const records = await fileResumeStore(resumeDir).list();
    expect(records).toMatchObject([{ uploadId: paused.uploadId, path, size: SLOW_SIZE }]);

    const second = spawnCli(args);
    expect(await second.exited, second.stderr()).toBe(0);
    const events = jsonLines(second.stdout());
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: "done", uploadId: paused.uploadId, file: path });
    expect(done.partsResumed).toBeGreaterThan(0);
    expect(events.some((e) => e.event === "progress" && (e.partsResumed as number) > 0)).toBe(true);
    expect(await fileResumeStore(resumeDir).list()).toEqual([]);

    const url = await runCli(["url", done.fileId as string, ...conn]);
    const stored = new Uint8Array(await (await fetch(url.stdout.trim())).arrayBuffer());
    expect(sha256(stored)).toBe(sha256(await readFile(path)));
  });
});

describe("hoist resume", () => {
  const resumeDir = () => `${tmp.dir}/resume-cmd`;

  it("says so when there is nothing to resume", async () => {
    const ran = await runCli(["resume", "--resume-dir", resumeDir()]);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain("nothing to resume");
  });

  it("resumes records whose file exists, shows the others, and --forget drops them", async () => {
    const kept = await tmp.file("kept.bin", randomFile(SLOW_SIZE));
    const gone = await tmp.file("gone.bin", randomFile(SLOW_SIZE));
    expect((await interruptedUpload(kept, resumeDir(), conn)).code).toBe(130);
    expect((await interruptedUpload(gone, resumeDir(), conn)).code).toBe(130);
    await rm(gone);
    expect(await fileResumeStore(resumeDir()).list()).toHaveLength(2);

    const listed = await runCli(["resume", "--list", "--resume-dir", resumeDir(), ...conn]);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toMatch(/resume .+kept\.bin/);
    expect(listed.stderr).toMatch(/skip: file is gone .+gone\.bin/);

    const resumed = await runCli(["resume", "--json", "--resume-dir", resumeDir(), ...conn]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const events = jsonLines(resumed.stdout);
    expect(events.find((e) => e.event === "skipped")).toMatchObject({ file: gone, reason: "file is gone" });
    expect(events.at(-1)).toMatchObject({ event: "done", file: kept });
    expect(events.at(-1)!.partsResumed).toBeGreaterThan(0);
    expect((await fileResumeStore(resumeDir()).list()).map((r) => r.path)).toEqual([gone]);

    const forgot = await runCli(["resume", "--forget", "--resume-dir", resumeDir(), ...conn]);
    expect(forgot.code).toBe(0);
    expect(forgot.stderr).toContain(`forgot ${gone}`);
    expect(await fileResumeStore(resumeDir()).list()).toEqual([]);
  });

  // The type is not in the file name: `hoist resume` must send the one the upload was started with.
  it("resumes with the --type the upload was started with", async () => {
    const dir = `${tmp.dir}/resume-typed`;
    const path = await tmp.file("typed.bin", randomFile(SLOW_SIZE));
    expect((await interruptedUpload(path, dir, conn, ["--type", "application/x-hoist-test"])).code).toBe(130);
    expect((await fileResumeStore(dir).list())[0]).toMatchObject({ path, type: "application/x-hoist-test" });
    const resumed = await runCli(["resume", "--json", "--resume-dir", dir, ...conn]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const done = jsonLines(resumed.stdout).at(-1)!;
    expect(done).toMatchObject({ event: "done", file: path, record: { type: "application/x-hoist-test" } });
    expect(done.partsResumed).toBeGreaterThan(0);
  });
});
