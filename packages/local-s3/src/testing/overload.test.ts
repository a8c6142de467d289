import { randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { connect } from "node:net";
import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import type { FaultProxy } from "./fault-proxy.js";
import { send, useEchoUpstream } from "./proxy-test-kit.js";

const echo = useEchoUpstream();

/** Opens `count` PUTs whose bodies never finish: storage holds them in flight until the test ends them. */
async function holdPuts(p: FaultProxy, count: number): Promise<Socket[]> {
  const { port } = new URL(p.endpoint);
  const sockets = Array.from({ length: count }, () => {
    const socket = connect({ host: "127.0.0.1", port: Number(port) });
    socket.on("error", () => undefined);
    socket.write("PUT /bucket/held HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\npartial");
    return socket;
  });
  while (p.stats.putsInFlight < count) await new Promise((resolve) => setTimeout(resolve, 5));
  return sockets;
}

/** Sends `count` PUTs one after another; returns each status (503s checked for S3's SlowDown body). */
async function putInTurn(p: FaultProxy, count: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: false });
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const outcome = await send(p.endpoint, agent, "PUT", randomBytes(2_000));
    if (outcome.kind !== "answer") throw new Error(`unexpected ${JSON.stringify(outcome)}`);
    if (outcome.status === 503) expect(outcome.body).toContain("<Code>SlowDown</Code>");
    statuses.push(outcome.status);
  }
  agent.destroy();
  return statuses;
}

describe("fault proxy: overload (storage shedding PUTs above a number in flight)", () => {
  it("refuses about `share` of PUTs arriving while `above` are in flight with 503 SlowDown, counted, never forwarded", async () => {
    const p = await echo.proxy({ overload: { above: 3, share: 0.3 }, seed: 5 });
    const held = await holdPuts(p, 3);
    const before = echo.completedBodies;
    const statuses = await putInTurn(p, 100);
    const refused = statuses.filter((s) => s === 503).length;
    expect(refused + statuses.filter((s) => s === 200).length).toBe(100);
    expect(Math.abs(refused / 100 - 0.3)).toBeLessThan(0.12);
    expect(p.stats).toMatchObject({ overloads: refused, slowDowns: refused, peakPutsInFlight: 4 });
    expect(echo.completedBodies - before).toBe(100 - refused);
    for (const socket of held) socket.destroy();
  });

  it("refuses nothing while fewer than `above` are in flight, and counts PUTs in flight down as they are answered", async () => {
    const p = await echo.proxy({ overload: { above: 3, share: 1 } });
    const held = await holdPuts(p, 2);
    expect(await putInTurn(p, 30)).toEqual(Array.from({ length: 30 }, () => 200));
    expect(p.stats).toMatchObject({ overloads: 0, slowDowns: 0, peakPutsInFlight: 3, putsInFlight: 2 });
    for (const socket of held) socket.destroy();
    while (p.stats.putsInFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await putInTurn(p, 1)).toEqual([200]);
  });

  it("draws the same refusals from the same seed", async () => {
    const runs: number[][] = [];
    for (let run = 0; run < 2; run += 1) {
      const p = await echo.proxy({ overload: { above: 1, share: 0.5 }, seed: 9 });
      const held = await holdPuts(p, 1);
      runs.push(await putInTurn(p, 20));
      for (const socket of held) socket.destroy();
    }
    expect(new Set(runs[0])).toEqual(new Set([200, 503]));
    expect(runs[1]).toEqual(runs[0]);
  });

  it("refuses a share outside 0..1", async () => {
    await expect(echo.proxy({ overload: { above: 1, share: 2 } })).rejects.toThrow(/share in 0..1/);
  });
});
