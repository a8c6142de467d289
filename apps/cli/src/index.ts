/**
 * @hoist/cli: the `hoist` command. `run(argv, io)` is the whole CLI as a function, so tests (and other tools)
 * can run it in-process with their own streams, environment and Ctrl-C signal.
 */
import { CommanderError } from "commander";
import { processEnv } from "./config";
import { EXIT } from "./exit-codes";
import type { ExitCode } from "./exit-codes";
import { explainError, formatExplained } from "./explain-error";
import type { CliIo } from "./io";
import { buildProgram } from "./program";

export { EXIT, type ExitCode } from "./exit-codes";
export type { CliIo, Env, OutputStream } from "./io";

const defaultIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, env: processEnv() });

function wantsDebug(argv: readonly string[], io: CliIo): boolean {
  return argv.includes("--debug") || io.env.HOIST_DEBUG === "1";
}

/**
 * Runs `hoist` with `argv` (the arguments after the command name) and resolves with the exit code; it never
 * throws and never calls `process.exit`. Failures print one line on stderr: the server's message and `hoistCode`,
 * with a stack trace only under `--debug` (or `HOIST_DEBUG=1`).
 */
export async function run(argv: readonly string[], io: CliIo = defaultIo()): Promise<ExitCode> {
  let exit: ExitCode = EXIT.OK;
  const program = buildProgram(io, (code) => {
    exit = code;
  });
  try {
    await program.parseAsync([...argv], { from: "user" });
  } catch (error) {
    // Commander has already printed its own message (or the help); only the code is left to decide.
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    if (io.signal?.aborted) return EXIT.INTERRUPTED;
    const explained = explainError(error);
    io.stderr.write(`error: ${formatExplained(explained)}\n`);
    if (wantsDebug(argv, io) && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
    return explained.exitCode;
  }
  return io.signal?.aborted ? EXIT.INTERRUPTED : exit;
}
