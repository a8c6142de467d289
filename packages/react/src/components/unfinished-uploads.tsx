import { useId, useRef } from "react";
import { visuallyHidden } from "./visually-hidden";
import type { UploadSessionSummary } from "@hoist/contract";
import { formatBytes, formatDate } from "../format";
import { useDiscardUpload, useUnfinishedUploads } from "../hooks/use-unfinished-uploads";
import type { Uploads } from "../hooks/use-uploader";

/** Props of {@link UnfinishedUploads}. */
export interface UnfinishedUploadsProps {
  /** The queue that continues a session (`useUploader()`); its live items are not listed here. */
  queue: Uploads;
}

function Item({ session, onResume }: { session: UploadSessionSummary; onResume: (session: UploadSessionSummary) => void }) {
  const discard = useDiscardUpload();
  const { name } = session;
  return (
    <li className="hoist-unfinished-item" data-testid="unfinished-item" data-name={name}>
      <div className="hoist-row-head">
        <span className="hoist-name" title={name}>{name}</span>
        <div className="hoist-actions">
          <button type="button" className="hoist-button hoist-button-primary" aria-label={`Resume ${name}`} onClick={() => { onResume(session); }}>
            Resume
          </button>
          <button type="button" className="hoist-button" aria-label={`Discard ${name}`} disabled={discard.isPending} onClick={() => { discard.mutate({ uploadId: session.uploadId }); }}>
            Discard
          </button>
        </div>
      </div>
      <p className="hoist-stats">
        <span>{formatBytes(session.size)}</span>
        <span>{session.route}</span>
        <span>started {formatDate(session.createdAt)}</span>
      </p>
      <p className="hoist-muted">Choose the same file again to continue</p>
      {discard.error && <p className="hoist-error" role="alert">{discard.error.message}</p>}
    </li>
  );
}

/**
 * Sessions left unfinished (a reload, another device): "Resume" opens the file picker and continues the session
 * with the chosen file (only parts storage lacks are sent); "Discard" aborts it. Hidden when there are none.
 */
export function UnfinishedUploads({ queue }: UnfinishedUploadsProps) {
  const { uploads } = useUnfinishedUploads();
  const picker = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const pending = useRef<UploadSessionSummary | undefined>(undefined);
  const inQueue = new Set(queue.items.filter((item) => item.state !== "done").map((item) => item.uploadId));
  const shown = uploads.filter((session) => !inQueue.has(session.uploadId));
  const onResume = (session: UploadSessionSummary) => {
    pending.current = session;
    picker.current?.click();
  };
  if (shown.length === 0) return null;
  return (
    <section className="hoist-unfinished" aria-labelledby={headingId}>
      <h2 id={headingId}>Unfinished uploads</h2>
      <ul className="hoist-unfinished-list">
        {shown.map((session) => <Item key={session.uploadId} session={session} onResume={onResume} />)}
      </ul>
      <input
        ref={picker}
        type="file"
        aria-label="Choose the file to resume"
        style={visuallyHidden}
        tabIndex={-1}
        onChange={(event) => {
          const session = pending.current;
          const files = Array.from(event.currentTarget.files ?? []);
          event.currentTarget.value = "";
          if (session && files.length > 0) queue.add(files.slice(0, 1), { route: session.route, resumeUploadId: session.uploadId });
        }}
      />
    </section>
  );
}
