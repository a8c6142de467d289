import type { CliIo } from "../io";
import { jsonReporter } from "./json-events";
import { barReporter } from "./progress-bars";
import { lineReporter } from "./progress-lines";
import type { Reporter } from "./reporter";

/** `--json` events, else bars on a terminal, else periodic lines (logs and pipes cannot take redraws). */
export function createReporter(io: CliIo, json: boolean): Reporter {
  if (json) return jsonReporter(io.stdout);
  if (io.stdout.isTTY === true) return barReporter(io.stdout, io.stderr);
  return lineReporter(io.stdout, io.stderr);
}
