import { randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { describe, expect, it } from "vitest";
import { send, useEchoUpstream } from "./proxy-test-kit.js";
import type { Outcome } from "./proxy-test-kit.js";

const echo = useEchoUpstream();
const SLOW_DOWN_XML = "<Code>SlowDown</Code>";

/** Every method the API server's S3 client and the uploaders use, with and without a body. */
const REQUESTS: [string, Buffer][] = [
  ["PUT", randomBytes(200_000)],
  ["POST", Buffer.alloc(0)],
  ["POST", randomBytes(2_000)],
  ["GET", Buffer.alloc(0)],
  ["HEAD", Buffer.alloc(0)],
  ["DELETE", Buffer.alloc(0)],
  ["PUT", Buffer.alloc(0)],
];

const slowedDown = (o: Outcome, method: string) =>
  o.kind === "answer" && o.status === 503 && (method === "HEAD" ? o.body === "" : o.body.includes(SLOW_DOWN_XML));

/** Statuses of bodiless requests sent one after another over one kept-alive connection (0: no answer). */
async function statusesOf(endpoint: string, methods: string[]): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const statuses: number[] = [];
  for (const method of methods) {
    const outcome = await send(endpoint, agent, method, Buffer.alloc(0));
    statuses.push(outcome.kind === "answer" ? outcome.status : 0);
  }
  agent.destroy();
  return statuses;
}

describe("fault proxy: 503 SlowDown bursts", () => {
  it("answers the next K requests of any method 503 SlowDown, forwards none of them, then lets requests pass", async () => {
    const p = await echo.proxy({});
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const burst = p.slowDownBurst({ requests: REQUESTS.length });
    const before = echo.completedBodies;
    for (const [method, body] of REQUESTS) {
      const outcome = await send(p.endpoint, agent, method, body);
      expect(slowedDown(outcome, method), `${method} ${body.length} bytes: ${JSON.stringify(outcome)}`).toBe(true);
    }
    expect(echo.completedBodies).toBe(before); // storage never saw them
    expect(burst).toMatchObject({ served: REQUESTS.length, over: true });
    await burst.done;
    for (const [method, body] of REQUESTS) expect(await send(p.endpoint, agent, method, body)).toMatchObject({ kind: "answer", status: 200 });
    expect(echo.completedBodies - before).toBe(REQUESTS.length);
    expect(p.stats).toMatchObject({ requests: 2 * REQUESTS.length, slowDowns: REQUESTS.length, resets: 0, halfCloses: 0 });
    agent.destroy();
  });

  it("begins at the first request `startsAt` matches (which it answers 503 too), not before", async () => {
    const p = await echo.proxy({});
    const burst = p.slowDownBurst({ requests: 2, startsAt: (r) => r.method === "HEAD" });
    expect(await statusesOf(p.endpoint, ["GET", "POST", "HEAD", "GET", "GET"])).toEqual([200, 200, 503, 503, 200]);
    expect(burst.served).toBe(2);
  });

  it("lasts until end() when given no count, and is claimed before the random shares", async () => {
    const p = await echo.proxy({ resetShare: 1 });
    const agent = new Agent({ keepAlive: false });
    const burst = p.slowDownBurst();
    const body = randomBytes(50_000);
    const during = await Promise.all(Array.from({ length: 12 }, () => send(p.endpoint, agent, "PUT", body)));
    expect(during.every((o) => slowedDown(o, "PUT"))).toBe(true);
    expect(burst).toMatchObject({ served: 12, over: false });
    burst.end();
    await burst.done;
    expect(await send(p.endpoint, agent, "PUT", body)).toEqual({ kind: "error", code: "ECONNRESET" });
    expect(p.stats).toMatchObject({ slowDowns: 12, resets: 1 });
  });

  it("lets overlapping bursts each see every request: one aimed at a request another refuses begins there", async () => {
    const p = await echo.proxy({});
    const first = p.slowDownBurst({ requests: 2 });
    const aimed = p.slowDownBurst({ requests: 2, startsAt: (r) => r.method === "HEAD" });
    expect(await statusesOf(p.endpoint, ["HEAD", "GET", "GET", "GET", "GET"])).toEqual([503, 503, 503, 503, 200]);
    expect([first.served, aimed.served, p.stats.slowDowns]).toEqual([2, 2, 4]);
  });

  it("refuses a burst of no requests", async () => {
    const p = await echo.proxy({});
    expect(() => p.slowDownBurst({ requests: 0 })).toThrow(/at least 1/);
  });
});
