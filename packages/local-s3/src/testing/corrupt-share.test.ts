import { createHash, randomBytes } from "node:crypto";
import { Agent } from "node:http";
import { describe, expect, it } from "vitest";
import { send, useEchoUpstream } from "./proxy-test-kit.js";

const echo = useEchoUpstream();
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** The body with byte `at` flipped, as the proxy flips it. */
function flipped(body: Buffer, at: number): Buffer {
  const copy = Buffer.from(body);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}

describe("fault proxy corruptShare", () => {
  it("flips exactly one byte of the body of that share of PUTs, keeps the length, and counts each", async () => {
    const p = await echo.proxy({ corruptShare: 0.5, seed: 3 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const body = randomBytes(2000);
    const clean = sha(body);
    const oneByteOff = new Map(Array.from({ length: body.length }, (_, at) => [sha(flipped(body, at)), at]));
    let corrupted = 0;
    const total = 60;
    for (let i = 0; i < total; i += 1) {
      const outcome = await send(p.endpoint, agent, "PUT", body);
      if (outcome.kind !== "answer") throw new Error(`PUT ${i} did not get an answer: ${outcome.kind}`);
      const seen = JSON.parse(outcome.body) as { length: number; sha: string };
      expect(seen.length).toBe(body.length);
      if (seen.sha === clean) continue;
      expect(oneByteOff.has(seen.sha)).toBe(true);
      corrupted += 1;
    }
    agent.destroy();
    expect(p.stats).toMatchObject({ requests: total, corruptions: corrupted, resets: 0 });
    expect(Math.abs(corrupted / total - 0.5)).toBeLessThan(0.2);
  });

  it("flips a byte of a body sent in many pieces, where it falls, and leaves other methods alone", async () => {
    const p = await echo.proxy({ corruptShare: 1 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const big = randomBytes(3 * 1024 * 1024 + 5);
    const outcome = await send(p.endpoint, agent, "PUT", big, 10_000);
    expect(outcome).toMatchObject({ kind: "answer", status: 200 });
    expect(JSON.parse((outcome as { body: string }).body)).toMatchObject({ length: big.length });
    expect((outcome as { body: string }).body).not.toContain(sha(big));
    const post = await send(p.endpoint, agent, "POST", big, 10_000);
    expect((post as { body: string }).body).toContain(sha(big));
    agent.destroy();
    expect(p.stats.corruptions).toBe(1);
  });
});
