/**
 * `pnpm pack:all [dir]`: the published packages as tarballs in `dir` (default `dist-packages/` at the repo root),
 * with their sizes. Install one anywhere with `npm i <tarball>`; release steps: the root README.
 */
import { resolve } from "node:path";
import { packAll } from "./pack";
import { repoRoot } from "./workspace";

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const asked = process.argv[2];
const dest = asked === undefined ? resolve(repoRoot, "dist-packages") : resolve(process.env.INIT_CWD ?? process.cwd(), asked);
for (const tarball of await packAll(dest)) {
  console.log(`${tarball.file}  ${kib(tarball.packedBytes)} packed, ${kib(tarball.unpackedBytes)} unpacked`);
}
