import { describe, expect, it } from "vitest";
import { describeIntegrity } from "./integrity";

describe("describeIntegrity", () => {
  it("names the algorithm and who verified it, with the value in the detail", () => {
    expect(describeIntegrity({ checksum: "crc64nvme:rosUhgp5mIg=", checksumVerifiedBy: "storage" })).toEqual({
      state: "verified",
      label: "CRC64NVME verified by storage",
      detail: "CRC64NVME rosUhgp5mIg=: storage checked it as the file was uploaded",
    });
    expect(describeIntegrity({ checksum: "crc64nvme:rosUhgp5mIg=", checksumVerifiedBy: "server" }).label).toBe("CRC64NVME verified by server");
    expect(describeIntegrity({ checksum: "sha256:n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=-3", checksumVerifiedBy: "storage" }).label).toBe("SHA-256 verified by storage");
  });

  it("never claims a value nobody checked was verified", () => {
    const unverified = describeIntegrity({ unverifiedChecksum: "crc64nvme:rosUhgp5mIg=" });
    expect(unverified).toMatchObject({ state: "unverified", label: "Not verified (storage cannot check)" });
    expect(unverified.detail).toContain("rosUhgp5mIg=");
    expect(describeIntegrity({})).toMatchObject({ state: "none", label: "No checksum" });
  });
});
