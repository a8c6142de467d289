import { createServer } from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack } from "@hoist/server/testing";
import type { Stack } from "@hoist/server/testing";
import { randomFile, runCli, tempDir } from "./helpers";

// A server that only counts: proves a usage error stops the run before any request.
async function countingServer(): Promise<{ url: string; hits(): number; close(): Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  return { url: `http://127.0.0.1:${port}`, hits: () => hits, close };
}

describe("hoist errors and exit codes", () => {
  let stack: Stack;
  let counter: Awaited<ReturnType<typeof countingServer>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let conn: string[];
  let file: string;

  beforeAll(async () => {
    stack = await startStack("pglite");
    counter = await countingServer();
    tmp = await tempDir("hoist-cli-errors-");
    conn = ["--server", stack.api.url, "--token", await stack.api.token("cli-errors")];
    file = await tmp.file("a.bin", randomFile(2000));
  });
  afterAll(async () => {
    await stack.close();
    await counter.close();
    await tmp.remove();
  });

  const offline = () => ["--server", counter.url, "--token", "t", "--resume-dir", tmp.dir];

  it("a bad token ends with exit 3 and the server's message, without a stack trace", async () => {
    const bad = ["--server", stack.api.url, "--token", "not-a-jwt"];
    const ls = await runCli(["ls", ...bad]);
    expect(ls.code).toBe(3);
    expect(ls.stderr).toMatch(/^error: .+ \(UNAUTHORIZED\)\n$/);
    expect(ls.stderr).not.toMatch(/\n\s+at /);
    const up = await runCli(["upload", file, "--json", "--resume-dir", tmp.dir, ...bad]);
    expect(up.code).toBe(3);
    const events = up.stdout.trim().split("\n").map((l) => JSON.parse(l) as { event: string; code: string });
    expect(events.at(-1)).toMatchObject({ event: "error", code: "UNAUTHORIZED" });
  });

  it("--debug adds the stack trace", async () => {
    const ran = await runCli(["ls", "--debug", "--server", stack.api.url, "--token", "not-a-jwt"]);
    expect(ran.code).toBe(3);
    expect(ran.stderr).toMatch(/\n\s+at /);
  });

  it.each([
    ["a missing file", () => ["upload", `${tmp.dir}/nope.bin`], /nope\.bin: no such file/],
    ["a directory", () => ["upload", tmp.dir], /is a directory/],
    ["--concurrency 0", () => ["upload", file, "--concurrency", "0"], /positive whole number/],
    ["--concurrency abc", () => ["upload", file, "-c", "abc"], /positive whole number/],
    ["--checksum md5", () => ["upload", file, "--checksum", "md5"], /"sha256" or "none"/],
    ["ls --limit 0", () => ["ls", "--limit", "0"], /positive whole number/],
    ["an unknown command", () => ["uplaod", file], /unknown command/],
    ["upload without files", () => ["upload"], /missing required argument/],
  ])("%s is a usage error: exit 2, no API call", async (_what, args, message) => {
    const ran = await runCli([...args(), ...offline()]);
    expect(ran.stderr).toMatch(message);
    expect(ran.code).toBe(2);
    expect(counter.hits()).toBe(0);
  });

  it("no token, or a server that is not a URL, is a config error (exit 2)", async () => {
    const noToken = await runCli(["ls", "--server", counter.url]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("HOIST_TOKEN");
    const badUrl = await runCli(["ls", "--token", "t"], { env: { HOIST_SERVER_URL: "localhost:3000" } });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain("HOIST_SERVER_URL");
    expect(counter.hits()).toBe(0);
  });

  it("unknown ids: url and rm end with exit 4", async () => {
    const url = await runCli(["url", "no-such-file", ...conn]);
    expect(url.code).toBe(4);
    expect(url.stderr).toMatch(/\(NOT_FOUND\)/);
    const rm = await runCli(["rm", "no-such-file", "also-missing", ...conn]);
    expect(rm.code).toBe(4);
    expect(rm.stderr.trim().split("\n")).toHaveLength(2);
  });

  it("a server that cannot be reached ends with exit 1 and says so", async () => {
    // A port that was just freed: nothing listens there, so the connection is refused at once.
    const freed = await countingServer();
    await freed.close();
    const ran = await runCli(["ls", "--server", freed.url, "--token", "t"]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/cannot reach the server \(ECONNREFUSED\)/);
  });

  it("--help prints usage on stdout and exits 0", async () => {
    const ran = await runCli(["upload", "--help"]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/--concurrency <n>/);
    expect(ran.stdout).toMatch(/--server <url>/);
  });
});
