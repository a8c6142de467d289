import { randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { describe, expect, it } from "vitest";
import { send, useEchoUpstream } from "./proxy-test-kit.js";

const echo = useEchoUpstream();
const CAP = 2 * 1024 * 1024;
/** What the cap lets through at once after an idle spell (bandwidth-cap.ts's bucket). */
const BURST = 64 * 1024;

describe("fault proxy: bandwidthPerConnection", () => {
  it("delivers every byte intact, holding back each connection once it has sent more than the burst", async () => {
    const p = await echo.proxy({ bandwidthPerConnection: CAP });
    const agent = new Agent({ keepAlive: false });
    const body = randomBytes(CAP);
    const outcomes = await Promise.all([1, 2].map(() => send(p.endpoint, agent, "PUT", body, 30_000)));
    for (const outcome of outcomes) expect(outcome).toMatchObject({ kind: "answer", status: 200 });
    // Counted, not timed (CI machines are shared): each body is 32 bursts, so each connection was paused many times;
    // a cap shared by both connections, or none, would show otherwise in the bench, not here.
    expect(p.stats.pacedPauses).toBeGreaterThanOrEqual(2 * Math.floor((CAP - BURST) / (4 * BURST)));
    agent.destroy();
  });

  it("close() ends a paced connection mid-body and leaves no timer behind", async () => {
    const p = await echo.proxy({ bandwidthPerConnection: 64 * 1024 });
    const pending = send(p.endpoint, new Agent({ keepAlive: false }), "PUT", randomBytes(4 * 1024 * 1024), 60_000);
    while (p.stats.putsInFlight === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await p.close();
    expect(await pending).toMatchObject({ kind: "error" });
    while (p.stats.open > 0) await new Promise((resolve) => setTimeout(resolve, 5)); // both sides close (a timer would keep one)
    expect(p.stats.putsInFlight).toBe(0);
  });

  it("refuses a cap that is not above 0", async () => {
    await expect(echo.proxy({ bandwidthPerConnection: 0 })).rejects.toThrow(/above 0/);
  });
});
