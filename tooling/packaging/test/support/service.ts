import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Tarball } from "../../src/pack";
import { workspaceVersion } from "./run";

/**
 * A TypeScript service of someone else's: its own tRPC client on Hoist's router type (SSE for subscriptions, with
 * the `eventsource` package so it can send the token), listening to `files.onCompleted` while the Node uploader
 * stores a file; it prints the stored record and the event that announced it.
 */
const SERVICE = `import { createTRPCClient, httpLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { createNodeUploader, fromPath } from "@hoist/client/node";
import type { AppRouter } from "@hoist/client/router";
import { EventSource } from "eventsource";

const [serverUrl, token, path] = process.argv.slice(2) as [string, string, string];
const url = \`\${serverUrl}/trpc\`;
const authorization = \`Bearer \${token}\`;
const trpc = createTRPCClient<AppRouter>({
  links: [splitLink({
    condition: (op) => op.type === "subscription",
    true: httpSubscriptionLink({ url, EventSource, eventSourceOptions: {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...init.headers, authorization } }),
    } }),
    false: httpLink({ url, headers: { authorization } }),
  })],
});
const events: { id: string; fileId: string }[] = [];
let started!: () => void;
const listening = new Promise<void>((resolve) => (started = resolve));
const subscription = trpc.files.onCompleted.subscribe({}, {
  onStarted: () => started(),
  onData: ({ id, data }) => { events.push({ id, fileId: data.file.id }); },
  onError: (error) => { console.error(error.data?.hoistCode, error.message); process.exit(1); },
});
await listening;
const uploader = createNodeUploader({ trpc, resumeStore: false });
const uploaded = await uploader.upload(await fromPath(path)).done;
const stored = await trpc.files.get.query({ id: uploaded.id });
for (let waited = 0; !events.some((e) => e.fileId === uploaded.id); waited += 50) {
  if (waited > 30_000) throw new Error("no files.onCompleted event for the upload within 30 s");
  await new Promise((resolve) => setTimeout(resolve, 50));
}
subscription.unsubscribe();
console.log(JSON.stringify({ stored, events }));
`;

/** The same service with the mistakes the router type must catch: a misspelt procedure and a wrong input. */
const MISTAKES = `import { createTRPCClient, httpLink } from "@trpc/client";
import type { AppRouter } from "@hoist/client/router";

const trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: "http://127.0.0.1:1/trpc" })] });
await trpc.files.gett.query({ id: "f" });
await trpc.upload.create.mutate({ name: "a.txt", size: "12", type: "text/plain" });
`;

/** A React app's use of @hoist/react, typechecked only (its hooks and components run in packages/react's tests). */
const REACT_APP = `import { Dropzone, FileList, HoistProvider, UploadQueue, useUploader } from "@hoist/react";
import "@hoist/react/styles.css";

function Uploads() {
  const queue = useUploader<"default" | "images">({ route: "images" });
  return <Dropzone onFiles={(files) => queue.add(files)}><UploadQueue queue={queue} /></Dropzone>;
}

export function App({ token }: { token: string }) {
  return (
    <HoistProvider url="https://files.example.com/trpc" getToken={() => token}>
      <Uploads />
      <FileList limit={20} />
    </HoistProvider>
  );
}
`;

const tsconfig = (files: string[], options: { skipLibCheck: boolean; noEmit: boolean }) => ({
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    jsx: "react-jsx",
    lib: ["ES2023", "DOM"],
    types: ["node"],
    strict: true,
    outDir: "dist",
    ...options,
  },
  files,
});

/**
 * The service's build (`tsconfig.json`, skipLibCheck on as most projects have it, writing dist/ for node), the same
 * sources with every declaration checked too (`tsconfig.declarations.json`: @trpc/server's own fail there, ours
 * must not), and the file of mistakes.
 */
const TSCONFIGS = {
  "tsconfig.json": tsconfig(["service.ts", "app.tsx"], { skipLibCheck: true, noEmit: false }),
  "tsconfig.declarations.json": tsconfig(["service.ts", "app.tsx"], { skipLibCheck: false, noEmit: true }),
  "tsconfig.mistakes.json": tsconfig(["mistakes.ts"], { skipLibCheck: true, noEmit: true }),
};

/** Writes the service project (package.json on the tarballs, sources, tsconfigs) into `dir`. */
export async function writeServiceProject(dir: string, tarballs: readonly Tarball[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tarball = (name: string) => `file:${tarballs.find((t) => t.name === name)?.file ?? name}`;
  const version = (name: string) => workspaceVersion("packages/react", name);
  const dependencies = {
    "@hoist/client": tarball("@hoist/client"),
    "@hoist/react": tarball("@hoist/react"),
    "@trpc/client": version("@trpc/client"),
    "@trpc/server": version("@trpc/server"),
    eventsource: workspaceVersion("apps/server", "eventsource"),
    react: version("react"),
    "react-dom": version("react-dom"),
  };
  const devDependencies = {
    typescript: version("typescript"),
    "@types/node": version("@types/node"),
    "@types/react": version("@types/react"),
  };
  await writeFile(join(dir, "package.json"), JSON.stringify({ name: "a-service", private: true, type: "module", dependencies, devDependencies }));
  await writeFile(join(dir, "service.ts"), SERVICE);
  await writeFile(join(dir, "mistakes.ts"), MISTAKES);
  await writeFile(join(dir, "app.tsx"), REACT_APP);
  for (const [name, config] of Object.entries(TSCONFIGS)) await writeFile(join(dir, name), JSON.stringify(config));
}
