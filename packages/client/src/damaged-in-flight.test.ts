import { describe, expect, it } from "vitest";
import { damagedInFlight } from "./damaged-in-flight";
import { verdictOf } from "./retry";

const error = (code: string, message: string) => `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

describe("a body damaged in flight", () => {
  it("is what storage's 400 BadDigest, XAmzContentSHA256Mismatch and checksum InvalidRequest say, retried like a 5xx", () => {
    const damaged = [
      error("BadDigest", "The CRC64NVME you specified did not match the calculated checksum."),
      error("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed."),
      error("InvalidRequest", "Value for x-amz-checksum-crc64nvme header is invalid."),
    ];
    for (const body of damaged) {
      expect(damagedInFlight(400, body)).toBe(true);
      expect(verdictOf(400, body)).toBe("retry");
    }
  });

  it("is not any other 400, nor a BadDigest with another status, nor an answer without a body", () => {
    expect(damagedInFlight(400, error("InvalidRequest", "You must specify at least one part"))).toBe(false);
    expect(damagedInFlight(400, error("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size"))).toBe(false);
    expect(damagedInFlight(403, error("BadDigest", "x"))).toBe(false);
    expect(damagedInFlight(400, undefined)).toBe(false);
    expect(verdictOf(400, error("InvalidArgument", "checksum"))).toBe("fatal");
  });
});
