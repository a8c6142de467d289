import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { base64FromBytes, bytesFromBase64, combineCrc64Nvme, combineParts, crc64FromBase64, crc64nvme, crc64ToBase64, createCrc64Nvme } from "./index";

const ascii = (text: string) => new TextEncoder().encode(text);

describe("crc64nvme", () => {
  it("gives the CRC-64/NVME check value and S3's base64 form", async () => {
    // The catalogue's check value (CRC of "123456789") and the CRC of nothing, as S3 writes it.
    expect((await crc64nvme(ascii("123456789"))).toString(16)).toBe("ae8b14860a799888");
    expect(crc64ToBase64(await crc64nvme(new Uint8Array()))).toBe("AAAAAAAAAAA=");
    expect(crc64ToBase64(0xae8b14860a799888n)).toBe("rosUhgp5mIg=");
    expect(crc64FromBase64("rosUhgp5mIg=")).toBe(0xae8b14860a799888n);
  });

  it("refuses base64 that is not 8 bytes", () => {
    expect(crc64FromBase64("AAAA")).toBeUndefined();
    expect(crc64FromBase64("not base64!")).toBeUndefined();
  });

  it("streams: chunks give the CRC of the whole, and a reset starts over", async () => {
    const data = randomBytes(100_003);
    const hasher = await createCrc64Nvme();
    for (let at = 0; at < data.length; at += 7_919) hasher.update(data.subarray(at, at + 7_919));
    expect(hasher.digest()).toBe(await crc64nvme(data));
    hasher.reset();
    hasher.update(ascii("123456789"));
    expect(hasher.digest()).toBe(0xae8b14860a799888n);
  });
});

describe("combine", () => {
  it("gives the CRC of A‖B from the CRCs of A and B, for any split", async () => {
    const data = randomBytes(65_537);
    const whole = await crc64nvme(data);
    for (const cut of [0, 1, 7, 8, 4_096, 65_536, 65_537]) {
      const a = await crc64nvme(data.subarray(0, cut));
      const b = await crc64nvme(data.subarray(cut));
      expect(combineCrc64Nvme(a, b, data.length - cut)).toBe(whole);
    }
  });

  it("folds many parts of unequal sizes into the whole object's CRC", async () => {
    const sizes = [5_000, 5_000, 5_000, 1, 0, 12_345];
    const data = randomBytes(sizes.reduce((a, b) => a + b, 0));
    let at = 0;
    const parts = [];
    for (const size of sizes) {
      parts.push({ crc: await crc64nvme(data.subarray(at, at + size)), size });
      at += size;
    }
    expect(combineParts(parts)).toBe(await crc64nvme(data));
  });

  it("handles lengths past 4 GiB (no 32-bit overflow)", () => {
    // x^(8n) for n = 2^33 must differ from n = 0 and be stable: combine(c, 0, n) depends on n.
    const c = 0x0123456789abcdefn;
    expect(combineCrc64Nvme(c, 0n, 2 ** 33)).not.toBe(combineCrc64Nvme(c, 0n, 0));
    expect(combineCrc64Nvme(c, 0n, 2 ** 33)).toBe(combineCrc64Nvme(combineCrc64Nvme(c, 0n, 2 ** 32), 0n, 2 ** 32));
    expect(() => combineCrc64Nvme(c, 0n, -1)).toThrow(RangeError);
  });
});

describe("base64", () => {
  it("matches Node's encoder both ways, for every length up to 40", () => {
    for (let n = 0; n <= 40; n += 1) {
      const bytes = randomBytes(n);
      const text = bytes.toString("base64");
      expect(base64FromBytes(bytes)).toBe(text);
      expect(Buffer.from(bytesFromBase64(text) ?? [])).toEqual(bytes);
    }
  });
});
