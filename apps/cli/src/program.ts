import { Command, Option } from "commander";
import { GiB, MAX_PAGE_LIMIT, TiB } from "@hoist/contract/core";
import { DEFAULT_SERVER_URL } from "./config";
import { NODE_CONCURRENCY } from "./engine";
import type { ExitCode } from "./exit-codes";
import type { CliIo } from "./io";
import { byteSize, checksumMode, positiveInt } from "./parse-options";
import { lsCommand } from "./commands/ls";
import type { LsFlags } from "./commands/ls";
import { resumeCommand } from "./commands/resume";
import type { ResumeFlags } from "./commands/resume";
import { rmCommand } from "./commands/rm";
import type { RmFlags } from "./commands/rm";
import { uploadCommand } from "./commands/upload";
import type { UploadFlags } from "./commands/upload";
import { urlCommand } from "./commands/url";
import type { UrlFlags } from "./commands/url";
import type { CommandContext, GlobalFlags } from "./commands/context";

const concurrency = () =>
  new Option("-c, --concurrency <n>", "parts in flight across all files").argParser(positiveInt(256)).default(NODE_CONCURRENCY);
const checksum = () =>
  new Option("--checksum <mode>", '"crc64nvme" (each part and the whole file, one read), "sha256" (each part) or "none"')
    .argParser(checksumMode)
    .default("crc64nvme");
const resumeDir = () => new Option("--resume-dir <dir>", "where unfinished uploads are remembered (env HOIST_RESUME_DIR, default ~/.hoist/resume)");
const json = (what: string) => new Option("--json", what);

/**
 * `--max-size` of stdin: the part size grows with it (10,000 parts at most) and memory is about part size x
 * (concurrency + 1), so the default keeps parts at ~6 MiB and the bound keeps them near 100 MiB.
 */
export const STDIN_MAX_SIZE = { default: 50 * GiB, max: TiB };
const maxSize = () =>
  new Option("--max-size <size>", 'stdin: the most it may hold, e.g. 10GB (up to 1TB); memory ~= part size (max-size / 10,000, at least 5 MiB) x concurrency')
    .argParser(byteSize(0, STDIN_MAX_SIZE.max))
    .default(STDIN_MAX_SIZE.default, "50GB");

function addUpload(program: Command, run: (action: (ctx: CommandContext) => Promise<ExitCode>) => Promise<void>): void {
  program
    .command("upload")
    .description("upload files straight to storage, with a progress bar per file; Ctrl-C pauses (stdin: aborts, no resume)")
    .argument("<files...>", 'files to upload; "-" alone reads stdin (needs --name)')
    .option("-r, --route <name>", "upload route (policy) on the server")
    .option("--type <mime>", "MIME type for every file (default: guessed from the name, else application/octet-stream)")
    .option("--name <name>", 'stdin ("-"): the file name to record')
    .addOption(maxSize())
    .addOption(concurrency())
    .addOption(checksum())
    .addOption(resumeDir())
    .addOption(json("one JSON event per line on stdout (start, progress, done, error, paused)"))
    .action((files: string[], flags: UploadFlags) => run((ctx) => uploadCommand(files, flags, ctx)));
  program
    .command("resume")
    .description("resume unfinished uploads whose files still exist")
    .option("--forget", "drop records whose file is gone or changed (and abort their sessions)")
    .option("--list", "only show the records")
    .addOption(concurrency())
    .addOption(checksum())
    .addOption(resumeDir())
    .addOption(json("JSON events on stdout, as for upload"))
    .action((flags: ResumeFlags) => run((ctx) => resumeCommand(flags, ctx)));
}

function addFiles(program: Command, run: (action: (ctx: CommandContext) => Promise<ExitCode>) => Promise<void>): void {
  program
    .command("ls")
    .description("list your files, newest first")
    .option("-n, --limit <n>", `files per page (1..${MAX_PAGE_LIMIT})`, positiveInt(MAX_PAGE_LIMIT))
    .option("-a, --all", "follow every page")
    .addOption(json("one file record (JSON) per line"))
    .action((flags: LsFlags) => run((ctx) => lsCommand(flags, ctx)));
  program
    .command("url")
    .description("print a short-lived download URL")
    .argument("<id>", "file id")
    .option("--inline", "let browsers display it rather than download it")
    .addOption(json("print { id, url, expiresAt } as JSON"))
    .action((id: string, flags: UrlFlags) => run((ctx) => urlCommand(id, flags, ctx)));
  program
    .command("rm")
    .description("delete files")
    .argument("<ids...>", "file ids")
    .addOption(json("one JSON result per id"))
    .action((ids: string[], flags: RmFlags) => run((ctx) => rmCommand(ids, flags, ctx)));
}

/**
 * The `hoist` command tree. Commander writes through `io` and throws instead of exiting (exitOverride), so a run
 * can happen in-process; each action reports its exit code through `setExit`.
 */
export function buildProgram(io: CliIo, setExit: (code: ExitCode) => void): Command {
  const program = new Command("hoist")
    .description("Upload files of any size straight to S3-compatible storage through a Hoist server")
    .option("-s, --server <url>", `Hoist server (env HOIST_SERVER_URL, default ${DEFAULT_SERVER_URL})`)
    .option("-t, --token <jwt>", "bearer token (env HOIST_TOKEN)")
    .option("--debug", "print stack traces of failures")
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) })
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)");
  const run = async (action: (ctx: CommandContext) => Promise<ExitCode>) => {
    setExit(await action({ io, globals: program.opts<GlobalFlags>() }));
  };
  addUpload(program, run);
  addFiles(program, run);
  return program;
}
