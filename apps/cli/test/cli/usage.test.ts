import { chmod } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countingServer } from "./counting-server";
import { randomFile, runCli, tempDir } from "./helpers";

// Usage and config errors end with exit 2 before any request: the "server" here only counts what reaches it.
describe("hoist usage errors", () => {
  let counter: Awaited<ReturnType<typeof countingServer>>;
  let tmp: Awaited<ReturnType<typeof tempDir>>;
  let file: string;

  beforeAll(async () => {
    counter = await countingServer();
    tmp = await tempDir("hoist-cli-usage-");
    file = await tmp.file("a.bin", randomFile(2000));
  });
  afterAll(async () => {
    await counter.close();
    await tmp.remove();
  });

  const offline = () => ["--server", counter.url, "--token", "t", "--resume-dir", tmp.dir];

  it.each([
    ["a missing file", () => ["upload", file, `${tmp.dir}/nope.bin`], /nope\.bin: no such file/],
    ["a directory", () => ["upload", tmp.dir], /is a directory/],
    ["--concurrency 0", () => ["upload", file, "--concurrency", "0"], /positive whole number/],
    ["--concurrency abc", () => ["upload", file, "-c", "abc"], /positive whole number/],
    ["--checksum md5", () => ["upload", file, "--checksum", "md5"], /"crc64nvme", "sha256" or "none"/],
    ["ls --limit 0", () => ["ls", "--limit", "0"], /positive whole number/],
    ["an unknown command", () => ["uplaod", file], /unknown command/],
    ["upload without files", () => ["upload"], /missing required argument/],
  ])("%s is a usage error: exit 2, no API call", async (_what, args, message) => {
    const ran = await runCli([...args(), ...offline()]);
    expect(ran.stderr).toMatch(message);
    expect(ran.code).toBe(2);
    expect(counter.hits()).toBe(0);
  });

  // root reads anything, so the check cannot be observed there.
  it.skipIf(process.getuid?.() === 0)("an unreadable file is a usage error", async () => {
    const locked = await tmp.file("locked.bin", randomFile(10));
    await chmod(locked, 0o000);
    const ran = await runCli(["upload", locked, ...offline()]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/locked\.bin: not readable/);
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
