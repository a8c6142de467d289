import { formatBytes, formatDate } from "../format";
import { IntegrityCell } from "./integrity-cell";
import { visuallyHidden } from "./visually-hidden";
import { useDeleteFile, useDownloadUrl, useFiles } from "../hooks/use-files";
import type { FileRecord } from "@hoist/contract";

/** Props of {@link FileList}. */
export interface FileListProps {
  /** Files per page (default: the server's). */
  limit?: number;
  /** What to do with a download URL (default: navigate to it; the attachment disposition makes it a download). */
  onDownload?: (url: string, file: FileRecord) => void;
}

function download(url: string): void {
  window.location.assign(url);
}

function FileRow({ file, onDownload }: { file: FileRecord; onDownload: (url: string, file: FileRecord) => void }) {
  const downloadUrl = useDownloadUrl();
  const remove = useDeleteFile();
  const busy = downloadUrl.isPending || remove.isPending;
  return (
    <tr data-testid="file-row" data-name={file.name}>
      <th scope="row" className="hoist-name" title={file.name}>
        {file.name}
      </th>
      <td>{formatBytes(file.size)}</td>
      <td className="hoist-type">{file.type}</td>
      <td>{formatDate(file.completedAt)}</td>
      <IntegrityCell file={file} />
      <td>
        <div className="hoist-actions">
          <button
            type="button"
            className="hoist-button"
            aria-label={`Download ${file.name}`}
            disabled={busy}
            onClick={() => {
              downloadUrl.mutate({ id: file.id, disposition: "attachment" }, { onSuccess: ({ url }) => { onDownload(url, file); } });
            }}
          >
            Download
          </button>
          <button type="button" className="hoist-button hoist-button-danger" aria-label={`Delete ${file.name}`} disabled={busy} onClick={() => { remove.mutate({ id: file.id }); }}>
            Delete
          </button>
        </div>
        {(downloadUrl.error ?? remove.error) && (
          <p className="hoist-error" role="alert">
            {(downloadUrl.error ?? remove.error)?.message}
          </p>
        )}
      </td>
    </tr>
  );
}

/**
 * The caller's files as a table (name, size, type, date, integrity, download, delete), newest first, a page at a time
 * with "Load more". Refreshes by itself when an upload of `useUploader` finishes.
 */
export function FileList({ limit, onDownload = download }: FileListProps) {
  const query = useFiles(limit === undefined ? {} : { limit });
  const { files } = query;
  return (
    <div className="hoist-files">
      <table className="hoist-table">
        <caption>Your files</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Size</th>
            <th scope="col">Type</th>
            <th scope="col">Uploaded</th>
            <th scope="col">Integrity</th>
            <th scope="col">
              <span style={visuallyHidden}>Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <FileRow key={file.id} file={file} onDownload={onDownload} />
          ))}
        </tbody>
      </table>
      {query.isPending && <p className="hoist-muted">Loading files…</p>}
      {query.isSuccess && files.length === 0 && <p className="hoist-muted">No files yet</p>}
      {query.error && (
        <p className="hoist-error" role="alert">
          {query.error.message}
        </p>
      )}
      {query.hasNextPage && (
        <button type="button" className="hoist-button" disabled={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
          Load more
        </button>
      )}
    </div>
  );
}
