import { describe, expect, it } from "vitest";
import { NewUploadIdSchema } from "@hoist/contract";
import { newUploadId } from "./upload-id";

describe("newUploadId", () => {
  it("makes version 4 UUIDs the API takes, a new one each time", () => {
    const ids = Array.from({ length: 100 }, newUploadId);
    for (const id of ids) expect(NewUploadIdSchema.safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(100);
  });
});
