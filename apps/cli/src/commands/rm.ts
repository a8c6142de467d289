import { createApi } from "../api";
import { resolveConnection } from "../config";
import { EXIT, worstExit } from "../exit-codes";
import type { ExitCode } from "../exit-codes";
import { explainError, formatExplained } from "../explain-error";
import type { CommandContext } from "./context";

/** Flags of `hoist rm`. */
export interface RmFlags {
  json?: boolean;
}

/**
 * `hoist rm <id...>`: deletes each file (object and record). Every id is tried even when one fails, so one
 * typo does not leave the rest in place; the run ends with the worst outcome (4 for an unknown id).
 */
export async function rmCommand(ids: readonly string[], flags: RmFlags, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const api = createApi(resolveConnection(ctx.globals, io.env));
  let exit: ExitCode = EXIT.OK;
  for (const id of [...new Set(ids)]) {
    if (io.signal?.aborted) return EXIT.INTERRUPTED;
    try {
      await api.files.delete.mutate({ id }, { ...(io.signal && { signal: io.signal }) });
      io.stdout.write(flags.json ? `${JSON.stringify({ id, deleted: true })}\n` : `deleted ${id}\n`);
    } catch (error) {
      const e = explainError(error);
      // Refused credentials will fail every other id the same way: stop at the first.
      if (e.exitCode === EXIT.AUTH) throw error;
      exit = worstExit(exit, e.exitCode);
      if (flags.json) io.stdout.write(`${JSON.stringify({ id, deleted: false, code: e.code ?? null, message: e.message })}\n`);
      io.stderr.write(`${id}: ${formatExplained(e)}\n`);
    }
  }
  return exit;
}
