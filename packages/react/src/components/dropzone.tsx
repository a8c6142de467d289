import { useEffect, useId, useRef, useState } from "react";
import { visuallyHidden } from "./visually-hidden";
import type { ClipboardEvent as ReactClipboardEvent, DragEvent, ReactNode } from "react";

/** Props of {@link Dropzone}. */
export interface DropzoneProps {
  /** Called with the files dropped, pasted or picked (never empty). */
  onFiles: (files: File[]) => void;
  /** The picker's `accept` (e.g. "image/*"); dropped and pasted files are not filtered (the route checks them). */
  accept?: string;
  disabled?: boolean;
  /** Listen for pastes anywhere on the page (not only inside the zone); pastes into text fields are left alone. */
  pasteAnywhere?: boolean;
  /** Extra content inside the zone (hints, limits). */
  children?: ReactNode;
}

function editable(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function filesOf(list: FileList | null | undefined): File[] {
  return list ? Array.from(list) : [];
}

/** Hands files pasted anywhere on the page (outside text fields) to the latest `deliver`, while `enabled`. */
function usePageWidePaste(enabled: boolean, deliver: (files: File[]) => void) {
  const latest = useRef(deliver);
  latest.current = deliver;
  useEffect(() => {
    if (!enabled) return;
    const onPaste = (event: ClipboardEvent) => {
      if (editable(event.target) || event.defaultPrevented) return;
      const files = filesOf(event.clipboardData?.files);
      if (files.length > 0) latest.current(files);
    };
    document.addEventListener("paste", onPaste);
    return () => {
      document.removeEventListener("paste", onPaste);
    };
  }, [enabled]);
}

/** Drag-over highlighting and the drop, drag and paste handlers of the zone itself. */
function useDropTarget(deliver: (files: File[]) => void, disabled: boolean) {
  const [over, setOver] = useState(false);
  const handlers = {
    onDragOver: (event: DragEvent) => {
      event.preventDefault(); // allows the drop
      event.dataTransfer.dropEffect = disabled ? "none" : "copy";
      setOver(true);
    },
    onDragLeave: () => {
      setOver(false);
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      setOver(false);
      deliver(filesOf(event.dataTransfer.files));
    },
    onPaste: (event: ReactClipboardEvent) => {
      const files = filesOf(event.clipboardData.files);
      if (files.length === 0) return;
      event.preventDefault(); // handled here; the page-wide listener sees defaultPrevented
      deliver(files);
    },
  };
  return { over, handlers };
}

/** The keyboard path: a "Choose files" button opening the native picker, whose input stays visually hidden. */
function FilePicker({ deliver, accept, disabled }: { deliver: (files: File[]) => void; accept: string | undefined; disabled: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="hoist-button hoist-button-primary" disabled={disabled} onClick={() => input.current?.click()}>
        Choose files
      </button>
      <input
        ref={input}
        type="file"
        multiple
        aria-label="Choose files"
        style={visuallyHidden}
        tabIndex={-1}
        disabled={disabled}
        {...(accept !== undefined && { accept })}
        onChange={(event) => {
          deliver(filesOf(event.currentTarget.files));
          event.currentTarget.value = ""; // choosing the same file again must fire change again
        }}
      />
    </>
  );
}

/**
 * A drop zone: drag and drop, paste, and a "Choose files" button that opens the native picker (the keyboard
 * path: the zone itself is not a tab stop). The `<input type="file">` stays in the DOM, visually hidden.
 */
export function Dropzone({ onFiles, accept, disabled = false, pasteAnywhere = true, children }: DropzoneProps) {
  const hintId = useId();
  const deliver = (files: File[]) => {
    if (!disabled && files.length > 0) onFiles(files);
  };
  usePageWidePaste(pasteAnywhere, deliver);
  const { over, handlers } = useDropTarget(deliver, disabled);
  return (
    <div
      role="region"
      aria-label="Drop files here"
      aria-describedby={hintId}
      className="hoist-dropzone"
      data-over={over || undefined}
      data-disabled={disabled || undefined}
      {...handlers}
    >
      <p id={hintId} className="hoist-dropzone-hint">
        Drop files here, paste them, or
      </p>
      <FilePicker deliver={deliver} accept={accept} disabled={disabled} />
      {children}
    </div>
  );
}
