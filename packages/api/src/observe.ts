import type { HoistCode } from "@hoist/contract";

type LogFn = (fields: Record<string, unknown>, message: string) => void;

/**
 * Where the API writes its log lines: the shape of a pino logger (Fastify's `request.log`), kept structural so
 * this package depends on neither Fastify nor pino. `child` binds fields (request id, upload id) to every line.
 */
export interface Logger {
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that writes nothing (tools and tests that do not look at logs). */
export const silentLogger: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

/** What the sweeper did to storage and sessions, one counter each (see `SweepReport`). */
export type SweepAction = "expired" | "orphans" | "objects";

/**
 * Events the API reports for metrics; apps/server counts them with prom-client. Route labels are always the
 * name of a declared route and codes are `HoistCode`s, so every label set is small and fixed.
 */
export interface Observer {
  uploadCreated(route: string): void;
  uploadCompleted(route: string, bytes: number): void;
  /** An upload refused by its route's policy at create, or by verification at complete. */
  uploadFailed(route: string, hoistCode: HoistCode): void;
  /** One `upload.signParts` call that signed its batch, in seconds. */
  signPartsTook(seconds: number): void;
  /** Presigned URLs handed out: parts, single PUTs and downloads. */
  urlsSigned(count: number): void;
  sweeperActed(action: SweepAction, count: number): void;
  /** A request refused by the rate limiter (`RATE_LIMITED`). */
  rateLimitRefused(): void;
  /** The server read one object to check its CRC64NVME (route `verify: "read"`): bytes read, in seconds. */
  checksumRead(route: string, bytes: number, seconds: number): void;
}

/** An observer that counts nothing: the default when none is given. */
export const noObserver: Observer = {
  uploadCreated: () => undefined,
  uploadCompleted: () => undefined,
  uploadFailed: () => undefined,
  signPartsTook: () => undefined,
  urlsSigned: () => undefined,
  sweeperActed: () => undefined,
  rateLimitRefused: () => undefined,
  checksumRead: () => undefined,
};
