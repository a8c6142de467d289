import type { ApiOptions, RouteTable } from "@hoist/api";
import { startStack } from "./matrix";
import type { DATABASES, Stack } from "./matrix";
import type { S3Target } from "./s3-target";

/** What a bad-input suite changes about its stack. */
export interface BadInputStackOptions {
  routes?: (s3: S3Target) => RouteTable;
  api?: Partial<ApiOptions>;
  bodyLimit?: number;
}

/**
 * {@link startStack} with its options typed as meant: matrix.ts intersects `HarnessOptions["routes"]` (a table)
 * with the route factory it really takes, a type no function satisfies; the cast is only that narrowing.
 */
export function startBadInputStack(database: (typeof DATABASES)[number], opts: BadInputStackOptions = {}): Promise<Stack> {
  return startStack(database, opts as Parameters<typeof startStack>[1]);
}
