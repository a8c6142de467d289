import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, testRoutes } from "@hoist/server/testing";
import type { Stack } from "@hoist/server/testing";
import { fileResumeStore } from "../../src/engine";
import { jsonLines, randomFile, runCli, sha256, spawnCli, tempDir } from "./helpers";
import { SLOW_PART, SLOW_ROUTE, SLOW_SIZE } from "./slow-route";

// Ctrl-C as a person gives it: SIGINT to a real `tsx src/main.ts` process mid-upload, then the same command again.
describe("hoist upload: Ctrl-C pauses, the next run resumes", () => {
  let stack: Stack;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let conn: string[];

  beforeAll(async () => {
    stack = await startStack("pglite", { routes: (s3) => testRoutes(s3, SLOW_ROUTE) });
    tmp = await tempDir("hoist-cli-sigint-");
    conn = ["--server", stack.api.url, "--token", await stack.api.token("cli-sigint")];
  });
  afterAll(async () => {
    await stack.close();
    await tmp.remove();
  });

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
    expect(records).toMatchObject([{ uploadId: paused.uploadId, path, size: SLOW_SIZE, partSize: SLOW_PART }]);

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
