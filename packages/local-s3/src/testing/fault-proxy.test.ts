import { createHash, randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { describe, expect, it } from "vitest";
import type { Fault, FaultProxyOptions } from "./fault-proxy.js";
import { send, useEchoUpstream } from "./proxy-test-kit.js";
import type { Outcome } from "./proxy-test-kit.js";

const echo = useEchoUpstream();
const proxy = (opts: Omit<FaultProxyOptions, "target">) => echo.proxy(opts);

async function sendAll(endpoint: string, count: number, opts: { size: number; parallel: number; timeoutMs: number }) {
  const agent = new Agent({ keepAlive: true, maxSockets: opts.parallel });
  const outcomes: Outcome[] = [];
  const body = randomBytes(opts.size);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      outcomes.push(await send(endpoint, agent, "PUT", body, opts.timeoutMs));
    }
  };
  await Promise.all(Array.from({ length: opts.parallel }, worker));
  agent.destroy();
  return { outcomes, sha: createHash("sha256").update(body).digest("hex") };
}

describe("fault proxy", () => {
  it("forwards requests both ways untouched when no share is set, reusing kept-alive connections", async () => {
    const p = await proxy({});
    const before = echo.completedBodies;
    const { outcomes, sha } = await sendAll(p.endpoint, 20, { size: 300_000, parallel: 2, timeoutMs: 10_000 });
    expect(outcomes).toHaveLength(20);
    for (const outcome of outcomes) expect(outcome).toEqual({ kind: "answer", status: 200, body: JSON.stringify({ length: 300_000, sha }) });
    expect(echo.completedBodies - before).toBe(20);
    expect(p.stats).toMatchObject({ requests: 20, resets: 0, halfCloses: 0, slowDowns: 0 });
    expect(p.stats.connections).toBeLessThanOrEqual(2);
  });

  it("honours the shares roughly, counts every fault it struck, and never lets a faulted body complete upstream", async () => {
    const seen: (Fault | undefined)[] = [];
    const p = await proxy({ resetShare: 0.2, halfCloseShare: 0.2, slowDownShare: 0.2, seed: 42, onRequest: (r) => seen.push(r.fault) });
    const before = echo.completedBodies;
    const total = 150;
    const { outcomes, sha } = await sendAll(p.endpoint, total, { size: 64 * 1024, parallel: 10, timeoutMs: 500 });
    const count = (test: (o: Outcome) => boolean) => outcomes.filter(test).length;
    const ok = count((o) => o.kind === "answer" && o.status === 200 && o.body.includes(sha));
    const slowDowns = count((o) => o.kind === "answer" && o.status === 503 && o.body.includes("<Code>SlowDown</Code>"));
    const timeouts = count((o) => o.kind === "timeout");
    const resets = count((o) => o.kind === "error" && o.code === "ECONNRESET");
    expect(ok + slowDowns + timeouts + resets).toBe(total);
    expect(p.stats).toMatchObject({ requests: total, resets, halfCloses: timeouts, slowDowns });
    expect(seen.filter((f) => f === "reset")).toHaveLength(resets);
    expect(echo.completedBodies - before).toBe(ok);
    for (const share of [resets, timeouts, slowDowns]) expect(Math.abs(share / total - 0.2)).toBeLessThan(0.1);
    expect(Math.abs(ok / total - 0.4)).toBeLessThan(0.1);
  });

  it("draws the same faults in the same order from the same seed", async () => {
    const runs: (Fault | undefined)[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const seen: (Fault | undefined)[] = [];
      const p = await proxy({ resetShare: 0.3, halfCloseShare: 0.3, slowDownShare: 0.3, seed: 7, onRequest: (r) => seen.push(r.fault) });
      await sendAll(p.endpoint, 24, { size: 4096, parallel: 1, timeoutMs: 200 });
      runs.push(seen);
    }
    expect(runs[0]).toHaveLength(24);
    expect(new Set(runs[0])).toEqual(new Set(["reset", "halfClose", "slowDown", undefined]));
    expect(runs[1]).toEqual(runs[0]);
  });

  it("faults only PUTs with a body: other methods and empty PUTs always pass", async () => {
    const p = await proxy({ resetShare: 1 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const body = randomBytes(10_000);
    for (const method of ["POST", "GET", "DELETE"]) {
      const outcome = await send(p.endpoint, agent, method, method === "POST" ? body : Buffer.alloc(0));
      expect(outcome).toMatchObject({ kind: "answer", status: 200 });
    }
    expect(await send(p.endpoint, agent, "PUT", Buffer.alloc(0))).toMatchObject({ kind: "answer", status: 200 });
    expect(await send(p.endpoint, agent, "PUT", body)).toEqual({ kind: "error", code: "ECONNRESET" });
    agent.destroy();
    expect(p.stats).toMatchObject({ requests: 5, resets: 1 });
  });

  it("close() ends hanging requests and stops listening", async () => {
    const p = await proxy({ halfCloseShare: 1 });
    const agent = new Agent({ keepAlive: false });
    const pending = send(p.endpoint, agent, "PUT", randomBytes(1_000_000), 60_000);
    while (p.stats.halfCloses === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await p.close();
    expect(await pending).toMatchObject({ kind: "error" });
    expect(p.stats.halfCloses).toBe(1);
    expect(await send(p.endpoint, agent, "GET", Buffer.alloc(0))).toEqual({ kind: "error", code: "ECONNREFUSED" });
  });
});
