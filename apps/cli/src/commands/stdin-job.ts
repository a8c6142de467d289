import { CliError } from "../cli-error";
import { typeFromName } from "../engine";
import type { CliIo } from "../io";

/** The path that means "read stdin", as in most Unix tools. */
export const STDIN = "-";

/** What `hoist upload -` uploads: stdin under a name, planned for at most `maxSize` bytes. */
export interface StdinJob {
  name: string;
  maxSize: number;
  type: string;
  stream: AsyncIterable<Uint8Array>;
}

/** The flags that describe stdin. */
export interface StdinFlags {
  name?: string;
  maxSize: number;
  type?: string;
}

/**
 * The stdin upload `paths` ask for (`-`), or undefined for files. Stdin is one stream with no name and no
 * length, so it goes alone and needs `--name`; its type comes from `--type`, else the name's extension.
 *
 * @throws CliError (usage, exit 2) before anything is sent
 */
export function stdinJob(paths: readonly string[], flags: StdinFlags, io: CliIo): StdinJob | undefined {
  if (!paths.includes(STDIN)) {
    if (flags.name !== undefined) throw new CliError('--name names stdin; it goes with "-" (hoist upload - --name NAME)');
    return undefined;
  }
  if (paths.length > 1) throw new CliError('"-" (stdin) is uploaded on its own; upload the files with another command');
  if (flags.name === undefined) throw new CliError('"-" reads stdin, which has no name: give it one with --name (e.g. --name backup.tar.gz)');
  if (io.stdin === undefined) throw new CliError("there is no stdin to read here");
  return { name: flags.name, maxSize: flags.maxSize, type: flags.type ?? typeFromName(flags.name), stream: io.stdin };
}
