import { createApi } from "../api";
import { resolveConnection } from "../config";
import { EXIT } from "../exit-codes";
import type { ExitCode } from "../exit-codes";
import type { CommandContext } from "./context";

/** Flags of `hoist url`. */
export interface UrlFlags {
  inline?: boolean;
  json?: boolean;
}

/**
 * `hoist url <id>`: a short-lived presigned download URL, alone on stdout so `curl "$(hoist url ID)"` works.
 * `--inline` asks for a URL browsers display rather than save. An unknown id ends with exit 4.
 */
export async function urlCommand(id: string, flags: UrlFlags, ctx: CommandContext): Promise<ExitCode> {
  const { io } = ctx;
  const api = createApi(resolveConnection(ctx.globals, io.env));
  const input = { id, ...(flags.inline && { disposition: "inline" as const }) };
  const { url, expiresAt } = await api.files.downloadUrl.mutate(input, { ...(io.signal && { signal: io.signal }) });
  io.stdout.write(flags.json ? `${JSON.stringify({ id, url, expiresAt })}\n` : `${url}\n`);
  return EXIT.OK;
}
