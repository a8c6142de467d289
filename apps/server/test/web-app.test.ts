import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerConfig } from "../src/config";
import { startServer } from "../src/start";
import type { RunningServer } from "../src/start";
import { TEST_SECRET } from "./support/harness";
import { rawRequest } from "@hoist/local-s3/testing";

const INDEX = '<!doctype html><title>Hoist</title><script type="module" src="/assets/app-abc123.js"></script>';
const BUNDLE = 'console.log("hoist");';

/** A server on loopback with the embedded store and PGlite under `dir`, in the given auth mode. */
function start(dir: string, mode: "dev" | "jwt", webRoot?: string): Promise<RunningServer> {
  const config: ServerConfig = {
    port: 0,
    host: "127.0.0.1",
    storage: { kind: "embedded", bucket: "hoist", dataDir: join(dir, "s3") },
    database: { dataDir: join(dir, "db") },
    auth: mode === "dev" ? { mode } : { mode, jwtSecret: TEST_SECRET },
    corsOrigins: ["*"],
    dataDir: dir,
    logLevel: "silent",
  };
  return startServer(config, { sweepIntervalMs: 0, ...(webRoot !== undefined && { webRoot }) });
}

const get = (url: string, headers: Record<string, string> = {}) => rawRequest(url, { method: "GET", headers });

describe.each(["dev", "jwt"] as const)("the built web app at / (%s mode)", (mode) => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hoist-web-"));
    const webRoot = join(dir, "dist");
    await mkdir(join(webRoot, "assets"), { recursive: true });
    await writeFile(join(webRoot, "index.html"), INDEX);
    await writeFile(join(webRoot, "assets", "app-abc123.js"), BUNDLE);
    await writeFile(join(webRoot, "favicon.svg"), "<svg/>");
    server = await start(dir, mode, webRoot);
  });
  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves index.html at / with Cache-Control: no-cache", async () => {
    const res = await get(`${server.url}/`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(INDEX);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(server.webRoot).toBe(join(dir, "dist"));
  });

  it("serves hashed assets as immutable for a year", async () => {
    const res = await get(`${server.url}/assets/app-abc123.js`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe(BUNDLE);
    expect(res.headers["content-type"]).toMatch(/javascript/);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("serves other files under the root, revalidated", async () => {
    const res = await get(`${server.url}/favicon.svg`);
    expect(res.status).toBe(200);
    expect(res.headers["cache-control"]).toBe("no-cache");
  });

  it("answers unknown paths and missing assets with 404", async () => {
    expect((await get(`${server.url}/nope`)).status).toBe(404);
    expect((await get(`${server.url}/assets/app-zzz.js`)).status).toBe(404);
    expect([403, 404]).toContain((await get(`${server.url}/../package.json`)).status);
  });

  it("leaves /healthz and /trpc to the API", async () => {
    expect((await get(`${server.url}/healthz`)).body.toString()).toBe('{"ok":true}');
    const trpc = await get(`${server.url}/trpc/upload.routes`);
    expect(trpc.status).toBe(401);
    expect(trpc.headers["content-type"]).toMatch(/^application\/json/);
  });
});

describe("GET /dev/token", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "hoist-devtoken-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("dev mode: the demo token the server issued, not cached, usable on /trpc", async () => {
    const server = await start(join(dir, "dev"), "dev");
    try {
      const res = await get(`${server.url}/dev/token`);
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["content-type"]).toMatch(/^application\/json/);
      const { token } = JSON.parse(res.body.toString()) as { token: string };
      expect(token).toBe(server.demoToken);
      const routes = await get(`${server.url}/trpc/upload.routes`, { authorization: `Bearer ${token}` });
      expect(routes.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("dev mode: no CORS headers for other sites, and only loopback host names (no DNS rebinding)", async () => {
    const server = await start(join(dir, "dev-cors"), "dev");
    try {
      // The API itself answers any origin in dev mode (CORS "*", the origin reflected); the token route must not.
      const api = await get(`${server.url}/healthz`, { origin: "https://evil.example" });
      expect(api.headers["access-control-allow-origin"]).toBe("https://evil.example");
      const cross = await get(`${server.url}/dev/token`, { origin: "https://evil.example" });
      expect(cross.headers["access-control-allow-origin"]).toBeUndefined();
      const rebound = await get(`${server.url}/dev/token`, { host: "evil.example:3000" });
      expect(rebound.status).toBe(403);
      expect(rebound.body.toString()).not.toContain(server.demoToken);
      expect((await get(`${server.url}/dev/token`, { host: "localhost:5173" })).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("jwt mode: 404, with or without the web app served", async () => {
    const webRoot = join(dir, "jwt", "dist");
    await mkdir(webRoot, { recursive: true });
    await writeFile(join(webRoot, "index.html"), INDEX);
    const server = await start(join(dir, "jwt"), "jwt", webRoot);
    try {
      expect(server.demoToken).toBeUndefined();
      expect((await get(`${server.url}/dev/token`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it("a web root without index.html (not built) is not served: / is 404", async () => {
    const server = await start(join(dir, "unbuilt"), "jwt", join(dir, "unbuilt", "dist"));
    try {
      expect(server.webRoot).toBeUndefined();
      expect((await get(`${server.url}/`)).status).toBe(404);
      expect((await get(`${server.url}/healthz`)).status).toBe(200);
      expect((await get(`${server.url}/dev/token`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
