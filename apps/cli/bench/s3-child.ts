/** The embedded store in its own process (`s3-child.ts`): announces its storage config; data removed on stop. */
import { startS3Target } from "@hoist/server/testing";
import { serveChild } from "@hoist/bench";

const s3 = await startS3Target();
serveChild({ storage: JSON.stringify(s3.storage) }, () => s3.close());
