import type { UploadProgress } from "../engine";
import { formatBytes, formatEta, formatPercent, formatRate } from "./format";

/** Bytes that made it out once: sent minus resent, so retries do not push a bar past 100%. */
export function usefulBytes(p: UploadProgress): number {
  return Math.min(p.totalBytes, Math.max(p.bytesConfirmed, p.bytesSent - p.bytesRetried));
}

/** The human parts of one progress report, shared by bars and lines so both read the same. */
export interface ProgressView {
  percent: string;
  sent: string;
  total: string;
  rate: string;
  eta: string;
}

/** Formats `p` for people. */
export function progressView(p: UploadProgress): ProgressView {
  const done = usefulBytes(p);
  // A stream still being read has no size yet, so no percentage either.
  const unknown = p.sizeUnknown === true;
  return {
    percent: unknown ? "-" : formatPercent(done, p.totalBytes),
    sent: formatBytes(done),
    total: unknown ? "?" : formatBytes(p.totalBytes),
    rate: formatRate(p.rate),
    eta: formatEta(p.eta),
  };
}

/** `name` cut to `width` characters with a leading `…` (the end of a name says the most), padded to `width`. */
export function fitName(name: string, width: number): string {
  const cut = name.length > width ? `…${name.slice(name.length - width + 1)}` : name;
  return cut.padEnd(width);
}

/** `(3 parts already uploaded)` when the upload resumed, else empty. */
export function resumedNote(p: UploadProgress | undefined): string {
  if (p === undefined || p.partsResumed === 0) return "";
  return ` (resumed: ${p.partsResumed} of ${p.partsTotal} parts already uploaded)`;
}
