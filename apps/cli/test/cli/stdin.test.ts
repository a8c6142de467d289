import { createCipheriv, createHash } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { independentCrc64 } from "@hoist/client/testing";
import { s3Profile, startStack } from "@hoist/server/testing";
import type { Stack } from "@hoist/server/testing";
import { jsonLines, randomFile, runCli, sha256, spawnCli } from "./helpers";

const MiB = 1024 * 1024;

/** `size` deterministic bytes (an AES-CTR keystream) in 1 MiB chunks, hashed as they are made. */
function deterministicStream(size: number): { stream: Readable; digest: () => string } {
  const cipher = createCipheriv("aes-128-ctr", Buffer.alloc(16, 7), Buffer.alloc(16, 0));
  const hash = createHash("sha256");
  const zeros = Buffer.alloc(MiB);
  function* chunks() {
    for (let left = size; left > 0; left -= MiB) {
      const chunk = cipher.update(zeros.subarray(0, Math.min(MiB, left)));
      hash.update(chunk);
      yield chunk;
    }
  }
  return { stream: Readable.from(chunks()), digest: () => hash.digest("hex") };
}

// `hoist upload -`: stdin of unknown length, streamed into parts with memory bounded by parts in flight.
describe("hoist upload - (stdin)", () => {
  let stack: Stack;
  let conn: string[];
  beforeAll(async () => {
    stack = await startStack("pglite");
    conn = ["--server", stack.api.url, "--token", await stack.api.token("cli-stdin")];
  });
  afterAll(() => stack.close());

  const downloaded = async (fileId: string) => {
    const url = (await runCli(["url", fileId, ...conn])).stdout.trim();
    return sha256(new Uint8Array(await (await fetch(url)).arrayBuffer()));
  };

  it("usage errors before anything is sent: no --name, stdin with files, --name without -, a bad --max-size", async () => {
    const stdin = Readable.from([]);
    const cases: [string[], string][] = [
      [["upload", "-"], "give it one with --name"],
      [["upload", "-", "a.txt", "--name", "x"], "on its own"],
      [["upload", "a.txt", "--name", "x"], 'goes with "-"'],
      [["upload", "-", "--name", "x", "--max-size", "lots"], "invalid size"],
      [["upload", "-", "--name", "x", "--max-size", "2TB"], "expected 0 B..1 TiB"],
    ];
    for (const [args, message] of cases) {
      const ran = await runCli([...args, ...conn], { stdin });
      expect(ran.code, ran.stderr).toBe(2);
      expect(ran.stderr).toContain(message);
    }
  });

  it("a small pipe in-process, with per-part SHA-256: --json events say the size is unknown until done; byte-identical", async () => {
    const bytes = randomFile(50 * 1024 + 7);
    const args = ["upload", "-", "--name", "piped.txt", "--max-size", "10MB", "--checksum", "sha256", "--json", ...conn];
    const ran = await runCli(args, { stdin: Readable.from([bytes]) });
    expect(ran.code, ran.stderr).toBe(0);
    const events = jsonLines(ran.stdout);
    expect(events[0]).toMatchObject({ event: "start", file: "-", name: "piped.txt", size: null, maxSize: 10 * MiB });
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: "done", record: { size: bytes.length, type: "text/plain" } });
    expect(await downloaded(done.fileId as string)).toBe(sha256(bytes));
  });

  it("a pipe with the default checksum: the record carries the whole stream's CRC64NVME, from the parts' values", async () => {
    const bytes = randomFile(3 * MiB + 11);
    const ran = await runCli(["upload", "-", "--name", "crc.bin", "--max-size", "100MB", "--json", ...conn], { stdin: Readable.from([bytes]) });
    expect(ran.code, ran.stderr).toBe(0);
    const { record } = jsonLines(ran.stdout).at(-1) as { record: Record<string, unknown> };
    const value = `crc64nvme:${await independentCrc64(bytes)}`;
    // Storage without CRC64NVME (Ceph RGW) cannot check it: the value is kept, marked unverified.
    expect(record).toMatchObject(s3Profile.crc64nvme ? { checksum: value, checksumVerifiedBy: "storage" } : { unverifiedChecksum: value });
  });

  it("an empty pipe is a 0-byte file", async () => {
    const ran = await runCli(["upload", "-", "--name", "empty.bin", "--json", ...conn], { stdin: Readable.from([]) });
    expect(ran.code, ran.stderr).toBe(0);
    expect(jsonLines(ran.stdout).at(-1)).toMatchObject({ event: "done", record: { size: 0, type: "application/octet-stream" } });
  });

  it("a pipe longer than --max-size: exit 1, SIZE_OVER_LIMIT, and its session aborted (it cannot resume)", async () => {
    const ran = await runCli(["upload", "-", "--name", "big.bin", "--max-size", "2KB", "--json", ...conn], { stdin: Readable.from([randomFile(3000)]) });
    expect(ran.code).toBe(1);
    const failed = jsonLines(ran.stdout).at(-1)!;
    expect(failed).toMatchObject({ event: "error", code: "SIZE_OVER_LIMIT" });
    expect(failed.message).toContain("--max-size");
    const client = await stack.api.client("cli-stdin");
    expect((await client.upload.get.query({ uploadId: failed.uploadId as string })).status).toBe("aborted");
  });

  it("Ctrl-C mid-stream (SIGINT to a real process): exit 130 and the session is aborted, not left to resume", async () => {
    const cli = spawnCli(["upload", "-", "--name", "cut.bin", "--max-size", "100MB", "--json", ...conn], {}, { stdin: true });
    // 3 parts of 1 MiB, and the pipe stays open: the process waits for more when it is interrupted.
    cli.child.stdin!.write(randomFile(3 * MiB));
    const progressed = await cli.waitForLine((line) => line.includes('"event":"progress"') && !line.includes('"partsDone":0,'));
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(130);
    expect(cli.stderr()).toContain("stdin cannot be read again, so its upload was aborted");
    const uploadId = (JSON.parse(progressed) as { uploadId: string }).uploadId;
    const client = await stack.api.client("cli-stdin");
    expect((await client.upload.get.query({ uploadId })).status).toBe("aborted");
  });

  it("300 MiB piped into a real `hoist upload -` process: byte-identical, at most concurrency + 1 part buffers", async () => {
    const size = 300 * MiB;
    const cli = spawnCli(["upload", "-", "--name", "dump.bin", "--json", "-c", "4", ...conn], {}, { stdin: true });
    const data = deterministicStream(size);
    await pipeline(data.stream, cli.child.stdin!);
    expect(await cli.exited, cli.stderr()).toBe(0);
    const events = jsonLines(cli.stdout());
    const progress = events.filter((e) => e.event === "progress");
    expect(progress.some((e) => e.sizeUnknown === true && !("percent" in e))).toBe(true);
    // The engine's own count of part buffers alive at once, reported with progress.
    expect(progress.at(-1)!.buffersPeak).toBeGreaterThan(0);
    expect(progress.at(-1)!.buffersPeak).toBeLessThanOrEqual(4 + 1);
    const done = events.at(-1)!;
    expect(done).toMatchObject({ event: "done", record: { size } });
    expect(await downloaded(done.fileId as string)).toBe(data.digest());
  }, 300_000);
});
