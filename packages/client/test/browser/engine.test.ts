import { describe } from "vitest";
import { skipBrowser } from "@hoist/browser-testing";
import { browserSuite } from "./browser-kit";
import { checksumTests } from "./checksum-suite";
import { resumeTests } from "./resume-suite";
import { uploadTests } from "./uploads-suite";
import { xhrTransportTests } from "./xhr-transport-suite";

// One API stack and one Chromium for every group: starting them is most of this suite's time.
describe.skipIf(skipBrowser())("browser engine in Chromium (@hoist/client/browser)", () => {
  const env = browserSuite();
  describe("uploads through createBrowserUploader", () => {
    uploadTests(env);
  });
  describe("xhrTransport", () => {
    xhrTransportTests(env);
  });
  describe("resume after a reload", () => {
    resumeTests(env);
  });
  describe("whole-file integrity (CRC64NVME)", () => {
    checksumTests(env);
  });
});
