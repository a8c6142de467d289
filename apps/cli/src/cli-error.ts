import { EXIT } from "./exit-codes";
import type { ExitCode } from "./exit-codes";

/**
 * A failure the CLI itself detected and can explain in one line (bad flag, missing file, no token). It is
 * printed without a stack trace and ends the run with its `exitCode`.
 */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  /**
   * @param message what is wrong and how to fix it
   * @param exitCode defaults to {@link EXIT.USAGE}: most of these are caught before any API call
   */
  constructor(message: string, exitCode: ExitCode = EXIT.USAGE) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}
