#!/usr/bin/env -S npx tsx --max-semi-space-size=2
/**
 * Process entry of `hoist`: wires Ctrl-C to the run's abort signal and sets the exit code. The first Ctrl-C
 * pauses (in-flight parts stop, resume records stay); a second one exits at once.
 */
import { processEnv } from "./config";
import { EXIT } from "./exit-codes";
import { run } from "./index";

const interrupt = new AbortController();
process.on("SIGINT", () => {
  if (interrupt.signal.aborted) {
    // Progress bars hide the cursor and would leave it hidden: an immediate exit skips their cleanup.
    if (process.stdout.isTTY) process.stdout.write("\u001B[?25h\n");
    process.exit(EXIT.INTERRUPTED);
  }
  process.stderr.write("pausing… (Ctrl-C again to quit at once)\n");
  interrupt.abort();
});
// A closed pipe (`hoist ls | head`) is not a failure worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT.OK);
});

process.exitCode = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: processEnv(),
  signal: interrupt.signal,
  stdin: process.stdin,
});
// A stream upload stopped mid-pipe leaves a read of stdin pending, which would keep the process alive.
process.stdin.destroy();
