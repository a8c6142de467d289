import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/build-app";
import { startStack } from "./support/matrix";
import type { Stack } from "./support/matrix";

/** Keeps this process's event loop busy for `ms`: the app runs in-process, so its loop is this one. */
function blockEventLoop(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // busy on purpose
  }
}

/**
 * Blocks the loop until under-pressure's once-a-second sample has seen a lag above `ms`: the measurement is the
 * event waited for (bounded), not a duration asserted.
 */
async function lagMeasuredAbove(app: FastifyInstance, ms: number): Promise<void> {
  for (let tries = 0; tries < 40 && app.memoryUsage().eventLoopDelay <= ms; tries += 1) {
    blockEventLoop(300);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(app.memoryUsage().eventLoopDelay).toBeGreaterThan(ms);
}

describe("overload (HOIST_MAX_EVENT_LOOP_DELAY_MS)", () => {
  let stack: Stack;
  const apps: FastifyInstance[] = [];
  const app = async (maxEventLoopDelayMs?: number) => {
    const built = await buildApp({ deps: stack.api.server.deps, corsOrigins: ["*"], ...(maxEventLoopDelayMs !== undefined && { maxEventLoopDelayMs }) });
    apps.push(built);
    await built.ready();
    return built;
  };

  beforeAll(async () => {
    stack = await startStack("pglite");
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    await stack.close();
  });

  it("a saturated loop: API requests get 503 with Retry-After and a readable JSON body; /healthz still answers", async () => {
    const strict = await app(1);
    await lagMeasuredAbove(strict, 1);
    const refused = await strict.inject({ method: "GET", url: "/trpc/upload.routes", headers: { origin: "http://localhost:5173" } });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers["retry-after"]).toBe("10");
    // A browser can read it: the CORS headers were set before the refusal.
    expect(refused.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    const body = refused.json<{ error: { message: string } }>();
    expect(body.error.message).toMatch(/overloaded.*retry in 10 s/);
    expect(body).toMatchObject({ error: { data: { code: "SERVICE_UNAVAILABLE", httpStatus: 503, path: "upload.routes" } } });
    expect((await strict.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
  });

  it("the default threshold (1 s) lets the same lag through, and 0 turns the check off", async () => {
    for (const relaxed of [await app(), await app(0)]) {
      if (relaxed.hasDecorator("memoryUsage")) await lagMeasuredAbove(relaxed, 1);
      else blockEventLoop(300);
      const answer = await relaxed.inject({ method: "GET", url: "/trpc/upload.routes" });
      expect(answer.statusCode).toBe(401);
    }
  });
});
