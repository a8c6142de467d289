import { memo } from "react";
import { formatBytes, formatEta, formatRate } from "../format";
import type { UploadItem } from "../types";
import type { Uploads } from "../hooks/use-uploader";

/** Controls a row needs; stable functions from `useUploader`. */
export type RowControls = Pick<Uploads, "pause" | "resume" | "cancel" | "retry" | "remove">;

const STATE_TEXT: Record<UploadItem["state"], string> = {
  queued: "Waiting",
  uploading: "Uploading",
  paused: "Paused",
  done: "Uploaded",
  failed: "Failed",
  canceled: "Canceled",
};

/** Refusals of the file itself: sending it again would be refused again, so no "Retry" is offered. */
const REFUSALS = new Set(["SIZE_OVER_LIMIT", "TYPE_NOT_ALLOWED", "TYPE_MISMATCH", "FORBIDDEN"]);

function Action({ label, name, onClick }: { label: string; name: string; onClick: () => void }) {
  return (
    <button type="button" className="hoist-button" aria-label={`${label} ${name}`} onClick={onClick}>
      {label}
    </button>
  );
}

function Actions({ item, controls }: { item: UploadItem; controls: RowControls }) {
  const { id, name, state } = item;
  const live = state === "queued" || state === "uploading" || state === "paused";
  const retryable = state === "canceled" || (state === "failed" && !REFUSALS.has(item.error?.code ?? ""));
  return (
    <div className="hoist-actions">
      {(state === "queued" || state === "uploading") && <Action label="Pause" name={name} onClick={() => { controls.pause(id); }} />}
      {state === "paused" && <Action label="Resume" name={name} onClick={() => { controls.resume(id); }} />}
      {live && <Action label="Cancel" name={name} onClick={() => { controls.cancel(id); }} />}
      {retryable && <Action label="Retry" name={name} onClick={() => { controls.retry(id); }} />}
      {!live && <Action label="Remove" name={name} onClick={() => { controls.remove(id); }} />}
    </div>
  );
}

function Stats({ item }: { item: UploadItem }) {
  const p = item.progress;
  const moving = item.state === "uploading" && p.rate > 0;
  return (
    <p className="hoist-stats">
      <span>{STATE_TEXT[item.state]}</span>
      <span>{p.percent}%</span>
      <span>
        {formatBytes(Math.min(p.totalBytes, Math.max(p.bytesConfirmed, p.bytesSent)))} of {formatBytes(item.size)}
      </span>
      {moving && <span>{formatRate(p.rate)}</span>}
      {moving && <span>{formatEta(p.eta)}</span>}
      {p.partsTotal > 0 && (
        <span>
          parts {p.partsDone}/{p.partsTotal}
          {p.partsResumed > 0 && ` (${String(p.partsResumed)} resumed)`}
        </span>
      )}
    </p>
  );
}

/** One queue item: thumbnail, name, progress bar with numbers, state-fitting buttons, and the error if any. */
export const UploadRow = memo(function UploadRow({ item, controls }: { item: UploadItem; controls: RowControls }) {
  return (
    <div className="hoist-row" data-state={item.state}>
      {item.thumbnailUrl !== undefined && (
        // A file named like an image may not decode: hide the thumbnail rather than show a broken one.
        <img className="hoist-thumb" data-testid="thumbnail" alt="" src={item.thumbnailUrl} onError={(event) => { event.currentTarget.hidden = true; }} />
      )}
      <div className="hoist-row-main">
        <div className="hoist-row-head">
          <span className="hoist-name" title={item.name}>
            {item.name}
          </span>
          <Actions item={item} controls={controls} />
        </div>
        <progress className="hoist-progress" aria-label={`${item.name} progress`} max={100} value={item.progress.percent} />
        <Stats item={item} />
        {item.error && (
          <p className="hoist-error" data-testid="upload-error">
            {item.error.message}
          </p>
        )}
      </div>
    </div>
  );
});
