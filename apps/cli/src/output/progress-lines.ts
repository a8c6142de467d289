import type { OutputStream } from "../io";
import { formatExplained } from "../explain-error";
import type { UploadProgress } from "../engine";
import { formatBytes, formatDuration } from "./format";
import { progressView, resumedNote } from "./progress-view";
import type { FileInfo, Reporter } from "./reporter";

/** How often a line per unfinished file is printed when stdout is not a terminal. */
export const LINE_INTERVAL_MS = 3000;

interface Active {
  file: FileInfo;
  startedAt: number;
  last: UploadProgress | undefined;
  printed: number;
}

/**
 * Progress for logs and pipes: no cursor tricks, just a line per unfinished file every few seconds (only when it
 * moved), and a line when each file starts, ends, fails or pauses. Failures go to `err`.
 */
export function lineReporter(out: OutputStream, err: OutputStream, intervalMs = LINE_INTERVAL_MS): Reporter {
  const active = new Map<string, Active>();
  const timer = setInterval(() => {
    printMoved(active.values(), out);
  }, intervalMs);
  // The timer must not keep a finished run alive.
  timer.unref();
  return {
    start(file) {
      active.set(file.file, { file, startedAt: Date.now(), last: undefined, printed: 0 });
      const what = file.maxSize === undefined ? formatBytes(file.size) : `a stream of up to ${formatBytes(file.maxSize)}`;
      out.write(`${file.name}: uploading ${what}\n`);
    },
    progress(file, _uploadId, p) {
      const a = active.get(file.file);
      if (a) a.last = p;
    },
    done(file, _uploadId, record, p) {
      const took = formatDuration(Date.now() - (active.get(file.file)?.startedAt ?? Date.now()));
      active.delete(file.file);
      out.write(`${file.name}: done in ${took}, id ${record.id}${resumedNote(p)}\n`);
    },
    error(file, _uploadId, e) {
      active.delete(file.file);
      err.write(`${file.name}: failed: ${formatExplained(e)}\n`);
    },
    paused(file, _uploadId, p) {
      active.delete(file.file);
      const at = p ? ` at ${progressView(p).percent}` : "";
      out.write(`${file.name}: paused${at}\n`);
    },
    stop() {
      clearInterval(timer);
    },
  };
}

/** A progress line for each file that moved since its last line. */
function printMoved(active: Iterable<Active>, out: OutputStream): void {
  for (const a of active) {
    if (a.last === undefined || a.last.bytesSent === a.printed) continue;
    a.printed = a.last.bytesSent;
    const v = progressView(a.last);
    out.write(`${a.file.name}: ${v.percent} ${v.sent}/${v.total} ${v.rate} ETA ${v.eta}\n`);
  }
}
