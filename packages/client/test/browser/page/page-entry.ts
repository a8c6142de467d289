/**
 * The test page's script (bundled with esbuild, served on a loopback origin): the browser engine
 * (`@hoist/client/browser`) and a tRPC client, behind helpers on `window.hoistPage` that tests call.
 */
import { crc64Reads } from "./page-crc64";
import { idb, fingerprintReads, fromBlobFacts } from "./page-store";
import { put } from "./page-transport";
import { upload, uploadThenHang } from "./page-upload";
import { blobSha256, makeFile } from "./test-bytes";
import type { HoistPage } from "./page-types";

const hoistPage: HoistPage = {
  sha256: (spec) => blobSha256(makeFile(spec)),
  upload,
  uploadThenHang,
  put,
  ...idb,
  fromBlobFacts,
  fingerprintReads,
  crc64Reads,
};

window.hoistPage = hoistPage;
