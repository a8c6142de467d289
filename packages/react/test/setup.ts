import { afterEach } from "vitest";
import { cleanup, configure } from "@testing-library/react";

// Uploads go through a real API and storage: waits end when the state is reached, not after a tuned time.
configure({ asyncUtilTimeout: 30_000 });
afterEach(cleanup);
