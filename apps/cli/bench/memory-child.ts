/**
 * The uploading process of the memory bench: `memory-child.ts <apiUrl> <token> <file>`. Its peak RSS is its own;
 * it reports the peak before the upload (runtime and imports) and after, with the plan it ran.
 */
import { readFileSync } from "node:fs";
import { countingTrpc } from "./bench-stack";
import { serveChild } from "./children";
import { engineUpload } from "./engine-upload";

/** A `kB` field of /proc/self/status in bytes (VmHWM: peak resident set; VmRSS: current). */
function statusBytes(name: "VmHWM" | "VmRSS"): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(readFileSync("/proc/self/status", "utf8"));
  return Number(match?.[1] ?? Number.NaN) * 1024;
}

const [url, token, path] = process.argv.slice(2);
if (url === undefined || token === undefined || path === undefined) throw new Error("usage: memory-child.ts <apiUrl> <token> <file>");
const trpc = countingTrpc(url, token);
const before = statusBytes("VmHWM");
const { fileId, progress } = await engineUpload(trpc, path);
const created = await trpc.files.get.query({ id: fileId });
serveChild(
  { peakBefore: before, peak: statusBytes("VmHWM"), partsTotal: progress.partsTotal, size: created.size, fileId },
  () => Promise.resolve(),
);
