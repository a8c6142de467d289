/**
 * `pnpm --filter @hoist/server bench` (verify read): what `verify: "read"` costs where storage cannot check a
 * crc64nvme upload's whole-file value (a profile with `crc64nvme: false` on the embedded store). The same file
 * (BENCH_MIB, default 1024) goes to a route without and a route with `verify: "read"`, BENCH_ROUNDS times each,
 * alternating. Reported: upload.complete latency of each (median), and the server's read rate from its own
 * hoist_checksum_read_* metrics (bytes over the seconds of the reads alone).
 */
import { randomBytes } from "node:crypto";
import { combineParts, createCrc64Nvme, crc64ToBase64 } from "@hoist/checksums";
import { testRoutes } from "../test/support/harness";
import { putSigned } from "../test/support/http";
import { startStack } from "../test/support/matrix";
import { s3Profile, s3Provider } from "../test/support/s3-target";

const SIZE = Number(process.env.BENCH_MIB ?? 1024) * 1024 ** 2;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// 16 MiB parts keep a 1 GiB file at 64 parts, as a real client's would be.
const PART = 16 * 1024 ** 2;
const PUTS_IN_FLIGHT = 8;
// A profile without CRC64NVME on a store that has it (r2's is AWS's otherwise), as verify-read.test.ts does.
const provider = s3Profile.crc64nvme ? "r2" : s3Provider;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const sample = (text: string, series: string) => Number(text.split("\n").find((l) => l.startsWith(`${series} `))?.slice(series.length + 1));

/** Each part's CRC64NVME and the whole file's, combined from them (as the engine does: no second pass). */
async function checksums(bytes: Uint8Array, partSize: number) {
  const parts: { crc: bigint; size: number }[] = [];
  for (let start = 0; start < bytes.length; start += partSize) {
    const slice = bytes.subarray(start, start + partSize);
    const hasher = await createCrc64Nvme();
    hasher.update(slice);
    parts.push({ crc: hasher.digest(), size: slice.length });
  }
  return { parts: parts.map((part) => crc64ToBase64(part.crc)), whole: crc64ToBase64(combineParts(parts)) };
}

const route = { maxSize: "1TB", types: ["*/*"], minPartSize: PART };
const stack = await startStack("pglite", {
  provider,
  routes: (s3) => testRoutes(s3, { plain: route, checked: { ...route, verify: "read" } }),
});
try {
  const client = await stack.api.client("bench");
  const bytes = randomBytes(SIZE);
  const sums = await checksums(bytes, PART);

  /** One upload of the file on `route`; answers how long upload.complete took, in ms. */
  const uploadOn = async (name: "plain" | "checked") => {
    const created = await client.upload.create.mutate({ route: name, name: "bench.bin", size: SIZE, type: "application/octet-stream", checksum: "crc64nvme" });
    const parts = sums.parts.map((checksum, i) => ({ partNumber: i + 1, checksum }));
    const queue: { partNumber: number; url: string; headers: Record<string, string> }[] = [];
    for (let i = 0; i < parts.length; i += 500) queue.push(...(await client.upload.signParts.mutate({ uploadId: created.uploadId, parts: parts.slice(i, i + 500) })).parts);
    const worker = async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const res = await putSigned(part, bytes.subarray((part.partNumber - 1) * created.partSize, part.partNumber * created.partSize));
        if (res.status !== 200) throw new Error(`part ${part.partNumber}: ${res.status} ${res.body}`);
      }
    };
    await Promise.all(Array.from({ length: PUTS_IN_FLIGHT }, worker));
    const started = performance.now();
    const { file } = await client.upload.complete.mutate({ uploadId: created.uploadId, checksum: sums.whole });
    if (file.checksumVerifiedBy !== (name === "checked" ? "server" : undefined)) throw new Error(`unexpected record ${JSON.stringify(file)}`);
    return performance.now() - started;
  };

  const took = { plain: [] as number[], checked: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    took.plain.push(await uploadOn("plain"));
    took.checked.push(await uploadOn("checked"));
  }
  const metrics = await (await fetch(`${stack.api.url}/metrics`)).text();
  const readBytes = sample(metrics, 'hoist_checksum_read_bytes_total{route="checked"}');
  const readSeconds = sample(metrics, 'hoist_checksum_read_duration_seconds_sum{route="checked"}');
  const mib = SIZE / 1024 ** 2;
  console.log(`verify read: ${mib} MiB file, ${sums.parts.length} parts, ${ROUNDS} rounds, ${provider} profile on ${s3Provider}`);
  console.log(`complete without verify: ${median(took.plain).toFixed(0)} ms; with verify "read": ${median(took.checked).toFixed(0)} ms (median)`);
  console.log(`server read: ${(readBytes / 1e6 / readSeconds).toFixed(0)} MB/s (${(readBytes / 1024 ** 2).toFixed(0)} MiB in ${readSeconds.toFixed(2)} s)`);
} finally {
  await stack.close();
}
