import { useMemo, useRef } from "react";
import type { RefObject } from "react";
import { visuallyHidden } from "./visually-hidden";
import { measureElement, observeElementRect, useVirtualizer } from "@tanstack/react-virtual";
import type { Virtualizer } from "@tanstack/react-virtual";
import type { Uploads } from "../hooks/use-uploader";
import { UploadRow } from "./upload-row";

/** Props of {@link UploadQueue}. */
export interface UploadQueueProps {
  /** What `useUploader()` returned. */
  queue: Uploads;
  /** Height of the scrolling list in px (default 420); rows outside it are not rendered. */
  height?: number;
}

/** A first guess of a row's height; rows are measured once rendered. */
const ROW_ESTIMATE = 84;

/**
 * The scroller's size, or `height` while it measures 0 (empty list, not laid out yet, no layout engine): a
 * zero-height viewport would render no rows at all, and never grow, since its height comes from its rows.
 */
function observeRect(height: number) {
  return (instance: Virtualizer<HTMLDivElement, Element>, callback: (rect: { width: number; height: number }) => void) =>
    observeElementRect(instance, (rect) => {
      callback(rect.height > 0 ? rect : { width: rect.width, height });
    });
}

function Toolbar({ queue }: { queue: Uploads }) {
  const { items } = queue;
  const count = (test: (state: string) => boolean) => items.filter((item) => test(item.state)).length;
  const done = count((s) => s === "done");
  const active = count((s) => s === "queued" || s === "uploading");
  const paused = count((s) => s === "paused");
  const finished = count((s) => s === "done" || s === "canceled");
  return (
    <div className="hoist-toolbar">
      <p className="hoist-summary">{`${done.toLocaleString("en")} of ${items.length.toLocaleString("en")} uploaded`}</p>
      <div className="hoist-actions">
        <button type="button" className="hoist-button" disabled={active === 0} onClick={queue.pauseAll}>Pause all</button>
        <button type="button" className="hoist-button" disabled={paused === 0} onClick={queue.resumeAll}>Resume all</button>
        <button type="button" className="hoist-button" disabled={active + paused === 0} onClick={queue.cancelAll}>Cancel all</button>
        <button type="button" className="hoist-button" disabled={finished === 0} onClick={queue.clearFinished}>Clear finished</button>
      </div>
    </div>
  );
}

/** A virtualiser over the rows of `items` in `scroller`, keyed by item id so rows keep their measured height. */
function useRows(scroller: RefObject<HTMLDivElement | null>, items: Uploads["items"], height: number) {
  return useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: (index) => items[index]?.id ?? index,
    overscan: 4,
    initialRect: { width: 0, height },
    observeElementRect: observeRect(height),
    // A row measuring 0 is not laid out (hidden, or no layout engine): keep the estimate, or every row would
    // seem to fit and all of them would render.
    measureElement: (element, entry, instance) => measureElement(element, entry, instance) || ROW_ESTIMATE,
  });
}

/**
 * The upload queue: bulk buttons, a polite live region announcing finished and failed files, and a virtualised
 * list (only the rows in view are in the DOM, so 1,000 files cost what a dozen do).
 */
export function UploadQueue({ queue, height = 420 }: UploadQueueProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const { items, pause, resume, cancel, retry, remove } = queue;
  // Stable across snapshots, so rows whose item did not change skip rendering.
  const controls = useMemo(() => ({ pause, resume, cancel, retry, remove }), [pause, resume, cancel, retry, remove]);
  const virtualizer = useRows(scroller, items, height);
  return (
    <div className="hoist-queue">
      <Toolbar queue={queue} />
      <p style={visuallyHidden} aria-live="polite">
        {queue.announcement}
      </p>
      <div ref={scroller} className="hoist-queue-scroll" style={{ maxHeight: height, overflowY: "auto" }}>
        <div role="list" aria-label="Upload queue" style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index];
            if (!item) return null;
            return (
              <div
                key={row.key}
                ref={virtualizer.measureElement}
                data-index={row.index}
                role="listitem"
                aria-setsize={items.length}
                aria-posinset={row.index + 1}
                data-testid="upload-item"
                data-state={item.state}
                data-name={item.name}
                style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${String(row.start)}px)` }}
              >
                <UploadRow item={item} controls={controls} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
