import type { FileRecord } from "@hoist/contract";
import { createApi } from "../api";
import { resolveConnection } from "../config";
import { EXIT } from "../exit-codes";
import type { ExitCode } from "../exit-codes";
import { formatBytes, formatDate } from "../output/format";
import { createTable } from "../output/table";
import type { Table } from "../output/table";
import type { CommandContext } from "./context";

/** Flags of `hoist ls`. */
export interface LsFlags {
  limit?: number;
  all?: boolean;
  json?: boolean;
}

const COLUMNS = [
  { header: "ID", maxWidth: 40 },
  { header: "SIZE", align: "right" as const },
  { header: "TYPE", maxWidth: 32 },
  { header: "COMPLETED" },
  { header: "NAME" },
];

const row = (f: FileRecord) => [f.id, formatBytes(f.size), f.type, formatDate(f.completedAt), f.name];

/**
 * `hoist ls`: the caller's files, newest first, one page (`--limit`) or every page (`--all`, following cursors).
 * `--json` prints one FileRecord per line. Pages are printed as they arrive.
 */
export async function lsCommand(flags: LsFlags, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const api = createApi(resolveConnection(ctx.globals, io.env));
  const table: Table | undefined = flags.json ? undefined : createTable(io.stdout, COLUMNS);
  let cursor: string | undefined;
  let count = 0;
  do {
    const input = { ...(flags.limit !== undefined && { limit: flags.limit }), ...(cursor !== undefined && { cursor }) };
    const page = await api.files.list.query(input, { ...(io.signal && { signal: io.signal }) });
    count += page.items.length;
    if (table) table.print(page.items.map(row));
    else for (const file of page.items) io.stdout.write(`${JSON.stringify(file)}\n`);
    cursor = page.nextCursor;
  } while (flags.all === true && cursor !== undefined);
  if (cursor !== undefined) io.stderr.write("more files: run `hoist ls --all` to list every page\n");
  if (count === 0 && !flags.json) io.stderr.write("no files\n");
  return EXIT.OK;
}
