import { TRPCClientError } from "@trpc/client";
import { expect } from "vitest";
import { z } from "zod";
import { HoistCodeSchema } from "@hoist/contract";
import type { HoistCode } from "@hoist/contract";

/**
 * `error.data` as the API's errorFormatter sends it. Strict: a `stack` (or anything else unexpected) fails the
 * parse, so every bad-input case also proves no stack trace reached the client.
 */
export const ErrorDataSchema = z.strictObject({
  code: z.string(),
  httpStatus: z.number().int(),
  path: z.string().optional(),
  hoistCode: HoistCodeSchema,
  // Only on RATE_LIMITED: seconds until the caller may try again (also sent as Retry-After).
  retryAfterSeconds: z.number().int().positive().optional(),
  zodError: z.strictObject({ formErrors: z.array(z.string()), fieldErrors: z.record(z.string(), z.array(z.string()).optional()) }).nullable(),
});

/** {@link ErrorDataSchema} as a type. */
export type ErrorData = z.infer<typeof ErrorDataSchema>;

/** What a rejected call told the client. */
export interface HoistFailure {
  message: string;
  data: ErrorData;
}

/**
 * Awaits `promise`, which must reject with a `TRPCClientError` carrying tRPC code `code` and `hoistCode`, and a
 * message a person can read (not empty, not the generic internal one).
 */
export async function expectHoistError(promise: Promise<unknown>, code: string, hoistCode: HoistCode): Promise<HoistFailure> {
  const error = await promise.then(
    (value: unknown) => {
      throw new Error(`expected ${code}/${hoistCode}, but the call succeeded with ${JSON.stringify(value)}`);
    },
    (reason: unknown) => reason,
  );
  if (!(error instanceof TRPCClientError)) throw error;
  const data = ErrorDataSchema.parse(error.data);
  expect({ code: data.code, hoistCode: data.hoistCode, message: error.message }).toMatchObject({ code, hoistCode });
  expect(error.message.length).toBeGreaterThan(10);
  expect(error.message).not.toMatch(/internal error/i);
  return { message: error.message, data };
}

/**
 * A schema rejection: `BAD_REQUEST` / `INVALID_INPUT` and `zodError` naming `field` (the first segment of the
 * issue path) with a message of its own; `field` undefined means a whole-object issue such as an unknown key,
 * whose message must then name `mention`.
 */
export async function expectInvalidInput(promise: Promise<unknown>, field: string | undefined, mention?: string): Promise<HoistFailure> {
  const failure = await expectHoistError(promise, "BAD_REQUEST", "INVALID_INPUT");
  const zodError = failure.data.zodError;
  if (zodError === null) throw new Error(`expected data.zodError for ${field ?? "the input"}, got none: ${failure.message}`);
  const messages = field === undefined ? zodError.formErrors : (zodError.fieldErrors[field] ?? []);
  expect(messages, `zodError of ${field ?? "the input"}: ${JSON.stringify(zodError)}`).not.toHaveLength(0);
  for (const message of messages) expect(message.length).toBeGreaterThan(10);
  if (mention !== undefined) expect(messages.join("\n")).toContain(mention);
  return failure;
}

/** Cursors shaped like the API's own (base64url JSON of createdAt and id) with values no row has. */
const crafted = (createdAt: string, id: string) => Buffer.from(JSON.stringify({ createdAt, id })).toString("base64url");
export const CRAFTED_CURSORS: [what: string, cursor: string][] = [
  ["a date JS parses but Postgres does not", crafted("1", "x")],
  ["year 0", crafted("0000-01-01T00:00:00.000Z", "x")],
  ["an id with NUL", crafted("2030-01-01T00:00:00.000Z", "x\u0000")],
];
