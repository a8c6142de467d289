import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack } from "@hoist/server/testing";
import type { Stack } from "@hoist/server/testing";
import { jsonLines, randomFile, runCli, sha256, tempDir } from "./helpers";

// One user's whole round trip through the CLI against a real API and local-s3 (upload, ls, url, rm), and how
// the API's refusals surface: the server's message and hoistCode, and an exit code per kind.
describe("hoist upload, ls, url, rm", () => {
  let stack: Stack;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let conn: string[];
  const small = randomFile(300);
  const large = randomFile(50 * 1024); // 50 parts at the tests' 1 KiB floor: multipart
  let ids: Record<string, string> = {};

  beforeAll(async () => {
    stack = await startStack("pglite");
    tmp = await tempDir("hoist-cli-files-");
    conn = ["--server", stack.api.url, "--token", await stack.api.token("cli-user")];
  });
  afterAll(async () => {
    await stack.close();
    await tmp.remove();
  });

  it("uploads two files (single and multipart) with --json events and exits 0", async () => {
    const paths = [await tmp.file("small.txt", small), await tmp.file("large.bin", large)];
    const ran = await runCli(["upload", ...paths, "--json", "--resume-dir", `${tmp.dir}/resume`, ...conn]);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const events = jsonLines(ran.stdout);
    for (const path of paths) {
      const mine = events.filter((e) => e.file === path).map((e) => e.event);
      expect(mine[0]).toBe("start");
      expect(mine).toContain("progress");
      expect(mine.at(-1)).toBe("done");
    }
    const done = events.filter((e) => e.event === "done");
    ids = Object.fromEntries(done.map((e) => [e.name as string, e.fileId as string]));
    const largeDone = done.find((e) => e.name === "large.bin")!;
    expect(largeDone.uploadId).toEqual(expect.any(String));
    expect(largeDone.record).toMatchObject({ name: "large.bin", size: large.length });
    const lastProgress = events.filter((e) => e.event === "progress" && e.name === "large.bin").at(-1)!;
    expect(lastProgress).toMatchObject({ partsTotal: 50, partsDone: 50, bytesConfirmed: large.length });
  });

  it("uploads an empty file, with --type, and prints lines (not bars) when stdout is not a terminal", async () => {
    const empty = await tmp.file("empty.dat", new Uint8Array(0));
    const ran = await runCli(["upload", empty, "--type", "text/plain", "--resume-dir", `${tmp.dir}/resume`, ...conn]);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toMatch(/^empty\.dat: uploading 0 B\nempty\.dat: done in \d+\.\ds, id (\S+)\n$/);
    const id = /id (\S+)\n$/.exec(ran.stdout)![1]!;
    expect(await runCli(["rm", id, ...conn])).toMatchObject({ code: 0 });
  });

  it("ls --json lists both files; ls prints a table", async () => {
    const ran = await runCli(["ls", "--json", ...conn]);
    expect(ran.code).toBe(0);
    const listed = jsonLines(ran.stdout);
    expect(listed.map((f) => f.name).sort()).toEqual(["large.bin", "small.txt"]);
    const table = await runCli(["ls", ...conn]);
    const [header, ...rows] = table.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^ID\s+SIZE\s+TYPE\s+COMPLETED\s+NAME$/);
    expect(rows.find((r) => r.endsWith("large.bin"))).toContain("50 KiB");
  });

  it("ls --limit 1 shows one page and says there is more; --all follows the cursor", async () => {
    const one = await runCli(["ls", "--json", "--limit", "1", ...conn]);
    expect(jsonLines(one.stdout)).toHaveLength(1);
    expect(one.stderr).toContain("--all");
    const all = await runCli(["ls", "--json", "--limit", "1", "--all", ...conn]);
    expect(jsonLines(all.stdout)).toHaveLength(2);
    expect(all.stderr).toBe("");
  });

  it("url prints a presigned URL whose GET returns the bytes", async () => {
    const ran = await runCli(["url", ids["large.bin"]!, ...conn]);
    expect(ran.code).toBe(0);
    const res = await fetch(ran.stdout.trim());
    expect(res.status).toBe(200);
    expect(sha256(new Uint8Array(await res.arrayBuffer()))).toBe(sha256(large));
    const inline = await runCli(["url", ids["small.txt"]!, "--inline", "--json", ...conn]);
    const { url } = jsonLines(inline.stdout)[0] as { url: string };
    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(small)).toBe(true);
  });

  it("rm deletes; the file is gone from ls and url answers exit 4", async () => {
    const ran = await runCli(["rm", ids["small.txt"]!, ...conn]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toBe(`deleted ${ids["small.txt"]!}\n`);
    const listed = jsonLines((await runCli(["ls", "--json", ...conn])).stdout);
    expect(listed.map((f) => f.name)).toEqual(["large.bin"]);
    const gone = await runCli(["url", ids["small.txt"]!, ...conn]);
    expect(gone.code).toBe(4);
    expect(gone.stderr).toMatch(/NOT_FOUND/);
  });

  it("reads server and token from HOIST_SERVER_URL and HOIST_TOKEN", async () => {
    const env = { HOIST_SERVER_URL: stack.api.url, HOIST_TOKEN: await stack.api.token("cli-user") };
    const ran = await runCli(["ls", "--json"], { env });
    expect(ran.code).toBe(0);
    expect(jsonLines(ran.stdout)).toHaveLength(1);
  });

  it("a bad token ends with exit 3 and the server's message, without a stack trace", async () => {
    const bad = ["--server", stack.api.url, "--token", "not-a-jwt"];
    const ls = await runCli(["ls", ...bad]);
    expect(ls.code).toBe(3);
    expect(ls.stderr).toMatch(/^error: .+ \(UNAUTHORIZED\)\n$/);
    const path = await tmp.file("refused.bin", randomFile(100));
    const up = await runCli(["upload", path, "--json", "--resume-dir", `${tmp.dir}/resume`, ...bad]);
    expect(up.code).toBe(3);
    expect(jsonLines(up.stdout).at(-1)).toMatchObject({ event: "error", code: "UNAUTHORIZED" });
    const debug = await runCli(["ls", "--debug", ...bad]);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it("unknown ids: url and rm end with exit 4, rm tries every id", async () => {
    const url = await runCli(["url", "no-such-file", ...conn]);
    expect(url.code).toBe(4);
    expect(url.stderr).toMatch(/\(NOT_FOUND\)\n$/);
    const rm = await runCli(["rm", "no-such-file", ids["large.bin"]!, ...conn]);
    expect(rm.code).toBe(4);
    expect(rm.stdout).toBe(`deleted ${ids["large.bin"]!}\n`);
    expect(rm.stderr).toMatch(/^no-such-file: .+\(NOT_FOUND\)\n$/);
  });
});
