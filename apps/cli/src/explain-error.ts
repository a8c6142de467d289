import { TRPCClientError } from "@trpc/client";
import { CommanderError } from "commander";
import { HOIST_TRPC_CODES } from "@hoist/contract/core";
import { CliError } from "./cli-error";
import { EXIT, exitForTrpcCode } from "./exit-codes";
import type { ExitCode } from "./exit-codes";

/** What to tell a person about a failure, and how the run should end because of it. */
export interface Explained {
  message: string;
  /** The server's stable `hoistCode` (or the engine's code), when there is one. */
  code: string | undefined;
  exitCode: ExitCode;
}

interface ErrorData {
  code?: string;
  hoistCode?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;

function errorData(error: TRPCClientError<never>): ErrorData {
  const data: unknown = error.data;
  if (!isRecord(data)) return {};
  return {
    ...(typeof data.code === "string" && { code: data.code }),
    ...(typeof data.hoistCode === "string" && { hoistCode: data.hoistCode }),
  };
}

// fetch reports a refused connection as TypeError("fetch failed") whose cause (or, when several addresses were
// tried, whose AggregateError's errors) names the system error: ECONNREFUSED says more than "fetch failed".
function networkCause(error: unknown, depth = 0): string | undefined {
  if (!isRecord(error) || depth > 4) return undefined;
  if (typeof error.code === "string" && /^E[A-Z]+$/.test(error.code)) return error.code;
  const inner = [error.cause, ...(Array.isArray(error.errors) ? (error.errors as unknown[]) : [])];
  for (const candidate of inner) {
    const code = networkCause(candidate, depth + 1);
    if (code !== undefined) return code;
  }
  if (!(error instanceof TypeError && error.message === "fetch failed")) return undefined;
  // No system code (e.g. undici refuses a port itself): the innermost message is the most specific.
  return error.cause instanceof Error ? error.cause.message : error.message;
}

function explainTrpc(error: TRPCClientError<never>): Explained {
  const data = errorData(error);
  if (data.code === undefined) {
    const net = networkCause(error.cause);
    const message = net ? `cannot reach the server (${net}); check --server or HOIST_SERVER_URL` : error.message;
    return { message, code: undefined, exitCode: EXIT.FAILED };
  }
  return { message: error.message, code: data.hoistCode ?? data.code, exitCode: exitForTrpcCode(data.code) };
}

/** The engine's `UploadError` shape, read structurally so this module does not depend on the engine. */
function engineCode(error: Error): string | undefined {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? code : undefined;
}

// The engine reports an API refusal by its hoistCode; the contract says which tRPC code that travels with.
function exitForHoistCode(code: string | undefined): ExitCode {
  if (code === undefined || !(code in HOIST_TRPC_CODES)) return EXIT.FAILED;
  return exitForTrpcCode(HOIST_TRPC_CODES[code as keyof typeof HOIST_TRPC_CODES]);
}

/**
 * Turns anything thrown into one line for people and an exit code. API errors carry the server's message and
 * `hoistCode`; an engine `UploadError` whose cause is an API error is explained by that cause's tRPC code.
 */
export function explainError(error: unknown): Explained {
  if (error instanceof CliError) return { message: error.message, code: undefined, exitCode: error.exitCode };
  if (error instanceof CommanderError) return { message: error.message, code: undefined, exitCode: EXIT.USAGE };
  if (error instanceof TRPCClientError) return explainTrpc(error as TRPCClientError<never>);
  if (error instanceof Error) {
    const cause: unknown = error.cause;
    if (cause instanceof TRPCClientError) {
      const inner = explainTrpc(cause as TRPCClientError<never>);
      return { ...inner, message: error.message || inner.message, code: engineCode(error) ?? inner.code };
    }
    const code = engineCode(error);
    const net = networkCause(error);
    const message = net ? `cannot reach the server or storage (${net}): ${error.message}` : error.message;
    return { message, code, exitCode: exitForHoistCode(code) };
  }
  return { message: String(error), code: undefined, exitCode: EXIT.FAILED };
}

/** `message (CODE)`, the one-line form printed on stderr. */
export function formatExplained(explained: Explained): string {
  return explained.code ? `${explained.message} (${explained.code})` : explained.message;
}
