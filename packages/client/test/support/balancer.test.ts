import { createServer, get } from "node:http";
import type { Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startBalancer } from "./balancer";
import type { Balancer } from "./balancer";

/** An instance that answers every request with its name. */
async function instance(name: string): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => res.end(name));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

/** One request on a connection of its own (no keep-alive agent): who answered, or the connection's error code. */
function ask(url: string): Promise<string> {
  return new Promise((resolve) => {
    get(url, { agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => { resolve(body); });
    }).on("error", (error: NodeJS.ErrnoException) => { resolve(error.code ?? error.message); });
  });
}

const stop = (server: Server) => new Promise<void>((resolve) => server.close(() => { resolve(); }));

describe("round-robin balancer (test support)", () => {
  let balancer: Balancer | undefined;
  const instances: Server[] = [];
  afterEach(async () => {
    await balancer?.close();
    await Promise.all(instances.filter((s) => s.listening).map(stop));
  });

  it("sends each new connection to the next instance, skips one that refuses, and closes when none is left", async () => {
    const a = await instance("a");
    const b = await instance("b");
    instances.push(a.server, b.server);
    balancer = await startBalancer([a.url, b.url]);
    const asked = [];
    for (let i = 0; i < 4; i += 1) asked.push(await ask(balancer.url));
    expect(asked).toEqual(["a", "b", "a", "b"]);
    await stop(a.server);
    expect([await ask(balancer.url), await ask(balancer.url)]).toEqual(["b", "b"]);
    expect(balancer.routed).toEqual([0, 1, 0, 1, 1, 1]);
    await stop(b.server);
    expect(await ask(balancer.url)).toBe("ECONNRESET");
  });
});
