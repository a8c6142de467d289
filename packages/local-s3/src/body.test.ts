import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalS3, type LocalS3 } from "./index";

// Anonymous PUTs to a public bucket: the body checks run the same whatever authenticated the request.
let server: LocalS3;
let dir: string;

function put(key: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${server.endpoint}/pub/${key}`, { method: "PUT", headers, agent: false }, (res) => {
      let text = "";
      res.on("data", (c: Buffer) => (text += c.toString()));
      res.on("end", () => { resolve({ status: res.statusCode ?? 0, text }); });
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function stored(): Promise<string[]> {
  return readdir(join(dir, "buckets", "pub", "data"));
}

const b64 = (algo: string, data: string): string => createHash(algo).update(data).digest("base64");

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "local-s3-body-"));
  server = await startLocalS3({ dataDir: dir, credentials: { accessKeyId: "a", secretAccessKey: "b" }, buckets: [{ name: "pub", public: true }] });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("body verification", () => {
  it("rejects a body whose x-amz-content-sha256 differs, storing nothing", async () => {
    const res = await put("sha", { "x-amz-content-sha256": createHash("sha256").update("other").digest("hex") }, "data");
    expect(res.status).toBe(400);
    expect(res.text).toContain("XAmzContentSHA256Mismatch");
    expect(await stored()).toEqual([]);
    expect(await readdir(join(dir, "tmp"))).toEqual([]);
  });

  it("checks Content-MD5 syntax and value", async () => {
    expect((await put("md5", { "content-md5": "not-base64!" }, "data")).text).toContain("InvalidDigest");
    expect((await put("md5", { "content-md5": b64("md5", "other") }, "data")).text).toContain("BadDigest");
    expect((await put("md5", { "content-md5": b64("md5", "data") }, "data")).status).toBe(200);
  });

  it("checks x-amz-checksum-sha256 and x-amz-checksum-crc32", async () => {
    expect((await put("ck", { "x-amz-checksum-sha256": b64("sha256", "other") }, "data")).text).toContain("BadDigest");
    expect((await put("ck", { "x-amz-checksum-crc32": "AAAAAA==" }, "data")).text).toContain("BadDigest");
    // crc32("data") = 0xadf3f363, sent big-endian.
    expect((await put("ck", { "x-amz-checksum-crc32": Buffer.from("adf3f363", "hex").toString("base64") }, "data")).status).toBe(200);
  });

  it("stores nothing when the client sends fewer bytes than Content-Length and hangs up", async () => {
    const before = await stored();
    await new Promise<void>((resolve) => {
      const socket = connect(server.port, "127.0.0.1", () => {
        socket.end("PUT /pub/short HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345");
      });
      socket.on("close", () => { resolve(); });
      socket.on("error", () => { resolve(); });
      socket.resume();
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(await stored()).toEqual(before);
    expect((await readdir(join(dir, "buckets", "pub", "objects"))).some((n) => n.includes(Buffer.from("short").toString("base64url")))).toBe(false);
  });
});
