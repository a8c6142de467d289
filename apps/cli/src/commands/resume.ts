import { stat } from "node:fs/promises";
import type { ChecksumMode } from "@hoist/contract/core";
import { createApi } from "../api";
import { resolveConnection, resolveResumeDir } from "../config";
import { fileResumeStore } from "../engine";
import type { ResumeRecord, ResumeStore } from "../engine";
import { EXIT } from "../exit-codes";
import type { ExitCode } from "../exit-codes";
import type { CliIo } from "../io";
import { formatBytes } from "../output/format";
import type { CommandContext } from "./context";
import { runUploads } from "./run-uploads";

/** Flags of `hoist resume`. */
export interface ResumeFlags {
  concurrency: number;
  checksum?: ChecksumMode;
  resumeDir?: string;
  json?: boolean;
  forget?: boolean;
  list?: boolean;
}

/** A record and whether its file can still be resumed. */
interface Classified {
  record: ResumeRecord;
  /** Why it cannot be resumed; undefined when it can. */
  problem: string | undefined;
}

async function classify(record: ResumeRecord): Promise<Classified> {
  if (record.path === undefined) return { record, problem: "no path recorded" };
  try {
    const info = await stat(record.path);
    if (!info.isFile()) return { record, problem: "path is no longer a file" };
    // A different size cannot be the same file; the engine's fingerprint catches subtler changes.
    if (info.size !== record.size) return { record, problem: `file changed (now ${formatBytes(info.size)})` };
    return { record, problem: undefined };
  } catch {
    return { record, problem: "file is gone" };
  }
}

function show(items: readonly Classified[], io: CliIo, json: boolean): void {
  for (const { record, problem } of items) {
    const where = record.path ?? record.name;
    if (json) {
      const event = problem ? "skipped" : "pending";
      io.stdout.write(`${JSON.stringify({ event, file: where, name: record.name, uploadId: record.uploadId, reason: problem ?? null })}\n`);
    } else {
      const status = problem ? `skip: ${problem}` : "resume";
      io.stderr.write(`${status.padEnd(12)} ${formatBytes(record.size).padStart(9)}  ${where}  (${record.uploadId})\n`);
    }
  }
}

// Forgetting also aborts the server session (frees its parts); a session already gone is fine to forget.
async function forget(items: readonly Classified[], store: ResumeStore, ctx: CommandContext): Promise<void> {
  if (items.length === 0) return;
  const api = createApi(resolveConnection(ctx.globals, ctx.io.env));
  for (const { record } of items) {
    await api.upload.abort.mutate({ uploadId: record.uploadId }).catch(() => undefined);
    await store.delete(record.fingerprint);
    ctx.io.stderr.write(`forgot ${record.path ?? record.name} (${record.uploadId})\n`);
  }
}

/**
 * `hoist resume`: lists the resume store and resumes every record whose file is still there. Records whose file
 * is gone or changed are shown and kept, unless `--forget` drops them. `--list` only shows.
 */
export async function resumeCommand(flags: ResumeFlags, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const resumeDir = resolveResumeDir(flags.resumeDir, io.env);
  const store = fileResumeStore(resumeDir);
  const items = await Promise.all((await store.list()).map(classify));
  if (items.length === 0) {
    io.stderr.write(`nothing to resume in ${resumeDir}\n`);
    return EXIT.OK;
  }
  show(items, io, flags.json === true);
  const stale = items.filter((i) => i.problem !== undefined);
  if (flags.forget) await forget(stale, store, ctx);
  else if (stale.length > 0) io.stderr.write("run `hoist resume --forget` to drop the records that cannot resume\n");
  const ready = items.filter((i) => i.problem === undefined);
  if (flags.list || ready.length === 0) return EXIT.OK;
  // Records from before the type was kept fall back to guessing it from the name.
  const jobs = ready.map(({ record }) => ({
    path: record.path ?? "",
    route: record.route,
    resumeUploadId: record.uploadId,
    ...(record.type !== undefined && { type: record.type }),
  }));
  const conn = resolveConnection(ctx.globals, io.env);
  const opts = { conn, resumeDir, concurrency: flags.concurrency, json: flags.json === true, debug: ctx.globals.debug === true };
  return runUploads(jobs, { ...opts, ...(flags.checksum && { checksum: flags.checksum }) }, io);
}
