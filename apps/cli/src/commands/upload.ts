import type { ChecksumMode } from "@hoist/contract/core";
import { resolveConnection, resolveResumeDir } from "../config";
import type { ExitCode } from "../exit-codes";
import { checkFiles } from "./check-files";
import type { CommandContext } from "./context";
import { runUploads } from "./run-uploads";
import { STDIN, stdinJob } from "./stdin-job";

/** Flags of `hoist upload`, as commander parsed them. */
export interface UploadFlags {
  route?: string;
  concurrency: number;
  checksum?: ChecksumMode;
  type?: string;
  resumeDir?: string;
  json?: boolean;
  /** Stdin only (`-`): its file name and the most it may hold. */
  name?: string;
  maxSize: number;
}

/**
 * `hoist upload <files...>`: every file is checked before anything is sent (exit 2 on a bad path or missing
 * token), then all are uploaded through one engine. Running the same command again after Ctrl-C resumes: the
 * same file has the same fingerprint, which the engine finds in the resume store. `hoist upload -` streams
 * stdin instead (never resumable: Ctrl-C aborts it).
 */
export async function uploadCommand(paths: readonly string[], flags: UploadFlags, ctx: CommandContext): Promise<ExitCode> {
  const stdin = stdinJob(paths, flags, ctx.io);
  const files = stdin ? [STDIN] : await checkFiles(paths);
  const conn = resolveConnection(ctx.globals, ctx.io.env);
  const jobs = files.map((path) => ({
    path,
    ...(flags.route && { route: flags.route }),
    ...(flags.type && { type: flags.type }),
    ...(stdin && { stdin }),
  }));
  return runUploads(
    jobs,
    {
      conn,
      resumeDir: resolveResumeDir(flags.resumeDir, ctx.io.env),
      concurrency: flags.concurrency,
      ...(flags.checksum && { checksum: flags.checksum }),
      json: flags.json === true,
      debug: ctx.globals.debug === true,
    },
    ctx.io,
  );
}
