import { TRPCError } from "@trpc/server";
// tRPC's own shaping of an error (runs our errorFormatter); exported from its "unstable" entry, hence kept to tests.
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import { appRouter } from "../../src/root";

/**
 * What an HTTP caller would receive for an error a `createCaller` call threw: tRPC's shape after our
 * `errorFormatter` (`data.code`, `data.hoistCode`, `data.zodError`, the public message).
 */
export function errorShape(error: unknown, path?: string) {
  if (!(error instanceof TRPCError)) throw new Error("expected a TRPCError", { cause: error });
  return getErrorShape({ config: appRouter._def._config, error, type: "unknown", path, input: undefined, ctx: undefined });
}

/** Awaits a call that must fail and returns {@link errorShape} of its error. */
export async function rejection(call: Promise<unknown>) {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  if (outcome === undefined) throw new Error("expected the call to fail");
  return errorShape(outcome.error);
}
