import { useEffect, useState } from "react";
import { Dropzone, FileList, RouteChooser, UnfinishedUploads, UploadQueue, useRoutes, useUploader } from "@hoist/react";

/** The picker's `accept` for a route: its types, unless it takes anything. */
function acceptFor(types: readonly string[] | undefined): string | undefined {
  return types === undefined || types.includes("*/*") ? undefined : types.join(",");
}

/** The tRPC error code of a failed query, if it has one. */
function codeOf(error: unknown): string | undefined {
  const data = (error as { data?: { code?: unknown } } | null)?.data;
  return typeof data?.code === "string" ? data.code : undefined;
}

/**
 * The signed-in page: route and drop zone, the queue, unfinished uploads, and the file list. A token the server
 * refuses (expired, wrong issuer, mistyped) sends the person back to sign in with the server's reason.
 */
export function UploadPage({ onTokenRefused }: { onTokenRefused: (message: string) => void }) {
  const [route, setRoute] = useState("default");
  const routes = useRoutes();
  const refused = codeOf(routes.error) === "UNAUTHORIZED" ? routes.error?.message : undefined;
  useEffect(() => {
    if (refused !== undefined) onTokenRefused(refused);
  }, [refused, onTokenRefused]);
  const queue = useUploader({ route });
  const accept = acceptFor(routes.data?.routes.find((candidate) => candidate.name === route)?.types);
  return (
    <>
      <section className="card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">Upload</h2>
        <RouteChooser value={route} onChange={setRoute} />
        <Dropzone onFiles={(files) => { queue.add(files, { route }); }} {...(accept !== undefined && { accept })}>
          <p className="hoist-muted drop-note">Files go straight to storage; big ones in parallel parts you can pause.</p>
        </Dropzone>
      </section>
      {queue.items.length > 0 && (
        <section className="card" aria-labelledby="queue-heading">
          <h2 id="queue-heading">Uploads</h2>
          <UploadQueue queue={queue} />
        </section>
      )}
      <div className="card-slot">
        <UnfinishedUploads queue={queue} />
      </div>
      <section className="card">
        <FileList />
      </section>
    </>
  );
}
