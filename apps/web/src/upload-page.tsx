import { useState } from "react";
import { Dropzone, FileList, RouteChooser, UnfinishedUploads, UploadQueue, useRoutes, useUploader } from "@hoist/react";

/** The picker's `accept` for a route: its types, unless it takes anything. */
function acceptFor(types: readonly string[] | undefined): string | undefined {
  return types === undefined || types.includes("*/*") ? undefined : types.join(",");
}

/** The signed-in page: route and drop zone, the queue, unfinished uploads, and the file list. */
export function UploadPage() {
  const [route, setRoute] = useState("default");
  const routes = useRoutes();
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
