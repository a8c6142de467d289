import { silentLogger } from "../../src/observe";
import type { Logger } from "../../src/observe";
import { defineRoutes } from "../../src/routes";
import type { RouteTable } from "../../src/routes";

/** The HS256 secret of every test API: the kit's callers and apps/server's harness sign their tokens with it. */
export const TEST_SECRET = "test-secret-for-hs256-0123456789abcdef";

/** Every line on stderr, with its bound fields (procedure, upload id) and error causes as Node prints them. */
function stderrLogger(bindings: Record<string, unknown> = {}): Logger {
  const at = (level: string) => (fields: Record<string, unknown>, message: string) => {
    console.error(`[hoist api] ${level} ${message}`, { ...bindings, ...fields });
  };
  return { info: at("info"), warn: at("warn"), error: at("error"), child: (more) => stderrLogger({ ...bindings, ...more }) };
}

/** The API's log in tests: silent, unless HOIST_LOG_LEVEL is set (then every line, on stderr). */
export const testLog: Logger = (process.env.HOIST_LOG_LEVEL ?? "silent") === "silent" ? silentLogger : stderrLogger();

/**
 * Routes for tests: like the defaults, with part floor `minPartSize` (tiny on a local-s3 told so, S3's own 5 MiB
 * elsewhere) and a strictly sniffed `image` route; `overrides` add or replace routes.
 */
export function routesWithFloor(minPartSize: number, overrides: Partial<Parameters<typeof defineRoutes>[0]> = {}): RouteTable {
  return defineRoutes({
    default: { maxSize: "5TB", types: ["*/*"], minPartSize },
    image: { maxSize: "20MB", types: ["image/*"], sniff: "strict", minPartSize },
    ...overrides,
  });
}

/** The API's clock in tests: real time plus an offset, so sessions expire without sleeping and URLs stay valid. */
export interface TestClock {
  now: () => Date;
  /** Moves the clock forward by `ms` (signed URLs are dated by it too). */
  advance: (ms: number) => void;
}

/** A {@link TestClock} at the real time. */
export function testClock(): TestClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    advance: (ms) => {
      offset += ms;
    },
  };
}
