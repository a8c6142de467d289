import { MultiBar, Presets } from "cli-progress";
import type { SingleBar } from "cli-progress";
import { formatExplained } from "../explain-error";
import type { OutputStream } from "../io";
import { formatBytes } from "./format";
import { fitName, progressView, resumedNote, usefulBytes } from "./progress-view";
import type { FileInfo, Reporter } from "./reporter";

const NAME_WIDTH = 18;
// Everything on a bar's line but the bar itself, at its widest ("1023.9 MiB/1023.9 MiB", "ETA 59m59s").
const TEXT_WIDTH = NAME_WIDTH + 52;

/** Bar length that keeps the whole line within the terminal (cli-progress cuts what overflows: the ETA). */
const barSize = (columns: number | undefined) => Math.max(8, Math.min(30, (columns ?? 80) - TEXT_WIDTH));

// Payload keys referenced by FORMAT; cli-progress substitutes `{key}` from the payload object.
interface Payload {
  name: string;
  pct: string;
  sent: string;
  size: string;
  rate: string;
  /** `ETA 3s` while running; `done`, `failed` or `paused` once the file settled. */
  left: string;
}

const FORMAT = "{name} {bar} {pct} {sent}/{size} {rate} {left}";

function payload(file: FileInfo): Payload {
  const size = file.maxSize === undefined ? formatBytes(file.size) : "?";
  return { name: fitName(file.name, NAME_WIDTH), pct: "0%", sent: formatBytes(0), size, rate: "-", left: "ETA -" };
}

/**
 * A bar per file on a terminal (cli-progress MultiBar: it redraws all bars in place, which hand-written cursor
 * code gets wrong on resize and wide glyphs). Failures are held and printed on stderr after the bars stop, so they
 * are not overdrawn; finished files get a `name -> id` line on stdout then.
 */
export function barReporter(out: OutputStream, err: OutputStream): Reporter {
  const multi = new MultiBar(
    { stream: out, format: FORMAT, hideCursor: true, clearOnComplete: false, barsize: barSize(out.columns), fps: 10 },
    Presets.shades_classic,
  );
  const bars = new Map<string, SingleBar>();
  const after: { stream: OutputStream; line: string }[] = [];
  const bar = (file: FileInfo) => bars.get(file.file);
  return {
    start(file) {
      bars.set(file.file, multi.create(Math.max(file.maxSize ?? file.size, 1), 0, payload(file)));
    },
    progress(file, _uploadId, p) {
      const v = progressView(p);
      bar(file)?.update(usefulBytes(p), { pct: v.percent, sent: v.sent, rate: v.rate, left: `ETA ${v.eta}` });
    },
    done(file, _uploadId, record, p) {
      bar(file)?.setTotal(Math.max(record.size, 1));
      bar(file)?.update(Math.max(record.size, 1), { pct: "100%", sent: formatBytes(record.size), size: formatBytes(record.size), left: "done" });
      after.push({ stream: out, line: `${file.name} -> ${record.id}${resumedNote(p)}` });
    },
    error(file, _uploadId, e) {
      bar(file)?.update({ left: "failed" });
      after.push({ stream: err, line: `${file.name}: failed: ${formatExplained(e)}` });
    },
    paused(file) {
      bar(file)?.update({ left: "paused" });
    },
    stop() {
      multi.stop();
      for (const { stream, line } of after) stream.write(`${line}\n`);
    },
  };
}
