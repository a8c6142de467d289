import { describe, expect, it } from "vitest";
import { HOIST_CODES, HOIST_TRPC_CODES, HoistError, isHoistCode, isHoistError, type HoistCode } from "./errors.js";
import { HoistCodeSchema } from "./schemas/hoist-code.js";

describe("HoistError", () => {
  it.each<[HoistCode, string]>([
    ["INVALID_INPUT", "BAD_REQUEST"],
    ["UNAUTHORIZED", "UNAUTHORIZED"],
    ["FORBIDDEN", "FORBIDDEN"],
    ["NOT_FOUND", "NOT_FOUND"],
    ["SIZE_OVER_LIMIT", "PAYLOAD_TOO_LARGE"],
    ["TYPE_NOT_ALLOWED", "UNSUPPORTED_MEDIA_TYPE"],
    ["TYPE_MISMATCH", "UNSUPPORTED_MEDIA_TYPE"],
    ["PART_MISSING", "CONFLICT"],
    ["PART_SIZE_MISMATCH", "CONFLICT"],
    ["SIZE_MISMATCH", "CONFLICT"],
    ["ETAG_MISMATCH", "CONFLICT"],
    ["CHECKSUM_MISMATCH", "CONFLICT"],
    ["NOT_UPLOADING", "CONFLICT"],
    ["SESSION_EXPIRED", "PRECONDITION_FAILED"],
    ["RATE_LIMITED", "TOO_MANY_REQUESTS"],
    ["QUOTA_EXCEEDED", "TOO_MANY_REQUESTS"],
    ["INTERNAL", "INTERNAL_SERVER_ERROR"],
  ])("sends %s as tRPC %s", (hoistCode, trpcCode) => {
    const error = new HoistError(hoistCode, "what happened");
    expect(error.trpcCode).toBe(trpcCode);
    expect(HOIST_TRPC_CODES[hoistCode]).toBe(trpcCode);
  });

  it("lists every code exactly once", () => {
    expect(HOIST_CODES).toHaveLength(17);
    expect(new Set(HOIST_CODES).size).toBe(HOIST_CODES.length);
  });

  it("is an Error with a name, a message and an optional cause", () => {
    const cause = new Error("socket hang up");
    const error = new HoistError("INTERNAL", "storage did not answer", { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("HoistError");
    expect(error.message).toBe("storage did not answer");
    expect(error.cause).toBe(cause);
    expect("cause" in new HoistError("NOT_FOUND", "no such upload")).toBe(false);
  });

  it("is recognised by isHoistError, also across module copies", () => {
    const foreign = Object.assign(new Error("x"), { name: "HoistError", hoistCode: "NOT_FOUND" });
    expect(isHoistError(new HoistError("NOT_FOUND", "x"))).toBe(true);
    expect(isHoistError(foreign)).toBe(true);
    expect(isHoistError(Object.assign(new Error("x"), { name: "HoistError", hoistCode: "NOPE" }))).toBe(false);
    expect(isHoistError(new Error("x"))).toBe(false);
    expect(isHoistError({ hoistCode: "NOT_FOUND" })).toBe(false);
  });

  it("validates hoistCode strings received by clients, with and without zod", () => {
    expect(HoistCodeSchema.parse("SESSION_EXPIRED")).toBe("SESSION_EXPIRED");
    expect(HoistCodeSchema.safeParse("TEAPOT").success).toBe(false);
    expect(isHoistCode("SESSION_EXPIRED")).toBe(true);
    for (const wrong of ["TEAPOT", "toString", "__proto__", 7, undefined]) expect(isHoistCode(wrong)).toBe(false);
  });
});
